using Microsoft.Extensions.Options;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Tests;

/// <summary>The membership cache asks the database at most once per interval, and again after Forget.</summary>
public class TeamMembershipCacheTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Guid Team = Guid.NewGuid();
    private readonly Clock _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private int _asked;
    private string? _answer = "Northshire";

    private TeamMembershipCache Cache(int seconds) => new(Options.Create(new SecurityOptions { MembershipRecheckSeconds = seconds }), _clock);

    private Task<string?> Ask(TeamMembershipCache cache) =>
        cache.TeamNameIfMemberAsync("user-1", Team, _ => { _asked++; return Task.FromResult(_answer); }, CancellationToken.None);

    [Fact]
    public async Task Within_the_interval_the_database_is_asked_once()
    {
        var cache = Cache(10);
        Assert.Equal("Northshire", await Ask(cache));
        _clock.Now = _clock.Now.AddSeconds(9.9);
        Assert.Equal("Northshire", await Ask(cache));
        Assert.Equal(1, _asked);
    }

    [Fact]
    public async Task After_the_interval_a_withdrawn_membership_is_seen()
    {
        var cache = Cache(10);
        await Ask(cache);
        _answer = null; // withdrawn, by another instance or the command line
        _clock.Now = _clock.Now.AddSeconds(10);
        Assert.Null(await Ask(cache));
        Assert.Equal(2, _asked);
    }

    [Fact]
    public async Task Forget_makes_the_next_request_ask_again()
    {
        var cache = Cache(10);
        await Ask(cache);
        _answer = null;
        cache.Forget("user-1", Team);
        Assert.Null(await Ask(cache));
        Assert.Equal(2, _asked);
    }

    [Fact]
    public async Task Not_being_a_member_is_remembered_too_and_other_users_are_asked_separately()
    {
        var cache = Cache(10);
        _answer = null;
        Assert.Null(await Ask(cache));
        Assert.Null(await Ask(cache));
        Assert.Equal(1, _asked);
        Assert.Equal("Other", await cache.TeamNameIfMemberAsync("user-2", Team, _ => Task.FromResult<string?>("Other"), CancellationToken.None));
    }

    [Fact]
    public async Task Zero_seconds_asks_on_every_request()
    {
        var cache = Cache(0);
        await Ask(cache);
        await Ask(cache);
        Assert.Equal(2, _asked);
    }
}
