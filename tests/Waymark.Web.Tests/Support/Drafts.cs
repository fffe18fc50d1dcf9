using Waymark.Episodes;
using Waymark.Identification;
using Waymark.People;

namespace Waymark.Web.Tests.Support;

public static class Drafts
{
    /// <summary>An identification draft with every step answered (a new person), as if the user had reached "check answers".</summary>
    public static async Task<Guid> AddCompleteDraftAsync(this TestData data, string email, Guid teamId, Action<IdentificationDraft>? with = null)
    {
        var draft = new IdentificationDraft
        {
            UserId = data.UserId(email),
            TeamId = teamId,
            StartedAt = DateTimeOffset.UtcNow,
            Setting = Setting.PoliceCustody,
            IdentifiedAt = DateTimeOffset.UtcNow.AddHours(-2),
            IdentifiedBySource = "Custody sergeant",
            IdentificationReason = "Seemed confused at booking-in",
            GivenName = "Drafty",
            FamilyName = TestData.UniqueName("Draft"),
            DateOfBirth = new DateOnly(1990, 6, 1),
            Sex = Sex.NotKnown,
            IsNewPerson = true,
        };
        with?.Invoke(draft);
        await data.ChangeAsync(db =>
        {
            db.IdentificationDrafts.Add(draft);
            return Task.CompletedTask;
        });
        return draft.Id;
    }

    public static readonly string[] Steps = ["setting", "reason", "person", "matches", "check"];
}
