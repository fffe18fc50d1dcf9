using Microsoft.Extensions.Configuration;

namespace Waymark.ServiceDirectory;

/// <summary>
/// How long an entry stays trusted after someone checked it. Local services change (a worker leaves, a
/// threshold moves), so an entry not verified within <see cref="StaleAfter"/> is flagged for checking.
/// </summary>
public sealed record DirectorySettings(TimeSpan StaleAfter)
{
    public const string StaleAfterDaysKey = "Directory:StaleAfterDays";
    public const int DefaultStaleAfterDays = 180;

    public static DirectorySettings Default { get; } = new(TimeSpan.FromDays(DefaultStaleAfterDays));

    public static DirectorySettings From(IConfiguration config)
    {
        var days = config.GetValue<int?>(StaleAfterDaysKey) ?? DefaultStaleAfterDays;
        if (days is < 1 or > 3650) throw new InvalidOperationException($"{StaleAfterDaysKey} must be between 1 and 3650 days, not {days}.");
        return new DirectorySettings(TimeSpan.FromDays(days));
    }
}
