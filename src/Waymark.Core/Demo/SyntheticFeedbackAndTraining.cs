using Waymark.Feedback;
using Waymark.Liaison;
using Waymark.Supervision;
using Waymark.Training;

namespace Waymark.Demo;

/// <summary>
/// Feedback, training and supervision for the demo team (issue 15 items 6 and 7), so the figures, the comments page and
/// the supervision page look as a working team's would: a dozen anonymous feedback responses over the last months (two
/// with invented words), four training sessions delivered to custody, courts and probation, and supervision sessions
/// leaving the demo practitioner up to date with peer sessions but overdue for one-to-one supervision. Synthetic only.
/// </summary>
public static class SyntheticFeedbackAndTraining
{
    /// <summary>The rows to add.</summary>
    /// <param name="teamId">The demo team.</param>
    /// <param name="practitionerId">The demo practitioner.</param>
    /// <param name="supportWorkerId">The demo support worker.</param>
    /// <param name="managerId">The demo team manager (who records the sessions).</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<object> Demo(Guid teamId, string practitionerId, string supportWorkerId, string managerId, DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        ExperienceRating[] ratings = [ExperienceRating.VeryGood, ExperienceRating.Good, ExperienceRating.VeryGood, ExperienceRating.Poor, ExperienceRating.Good, ExperienceRating.VeryGood];
        for (var i = 0; i < 12; i++)
        {
            yield return new FeedbackResponse
            {
                TeamId = teamId,
                GivenOn = today.AddDays(-(4 + 13 * i)),
                Channel = i % 3 == 0 ? FeedbackChannel.PaperSheet : FeedbackChannel.TeamDevice,
                Experience = i == 7 ? null : ratings[i % ratings.Length],
                Listened = i % 4 == 3 ? YesPartlyNo.Partly : YesPartlyNo.Yes,
                Respected = YesPartlyNo.Yes,
                Helped = i % 5 == 4 ? YesPartlyNo.No : i % 2 == 0 ? YesPartlyNo.Yes : YesPartlyNo.Partly,
                Comments = i switch
                {
                    0 => "The worker came back to the cell when she said she would. That meant a lot.",
                    3 => "Waited a long time at court before anyone saw me.",
                    _ => null,
                },
                RecordedAt = now.AddDays(-(4 + 13 * i)),
            };
        }

        (int DaysAgo, AgencyKind? Kind, string? Other, TrainingAudience Audience, TrainingTopic Topic, int People, decimal? Rating)[] sessions =
        [
            (12, AgencyKind.CustodySuite, "Northshire Central custody suite", TrainingAudience.CustodyStaff, TrainingTopic.LiaisonAndDiversionAndReferral, 14, 4.6m),
            (40, AgencyKind.MagistratesCourt, null, TrainingAudience.CourtStaffOrMagistrates, TrainingTopic.LearningDisabilityAndAutism, 9, 4.2m),
            (75, AgencyKind.ProbationDeliveryUnit, null, TrainingAudience.ProbationStaff, TrainingTopic.MentalHealthAwareness, 22, null),
            (110, null, "Northshire Fire and Rescue", TrainingAudience.Other, TrainingTopic.VulnerabilityAndRisk, 6, 3.9m),
        ];
        foreach (var s in sessions)
            yield return new TrainingSession
            {
                TeamId = teamId, DeliveredOn = today.AddDays(-s.DaysAgo), AgencyKind = s.Kind, AgencyOther = s.Other, Audience = s.Audience,
                AudienceText = s.Audience == TrainingAudience.Other ? "Station managers" : null, Topic = s.Topic, Attendees = s.People, AverageRating = s.Rating,
                RecordedAt = now.AddDays(-s.DaysAgo), RecordedByUserId = practitionerId,
            };

        (string User, SupervisionKind Kind, int DaysAgo, string Supervisor)[] supervision =
        [
            (practitionerId, SupervisionKind.ReflectivePeerSession, 9, "Peer group (facilitated by Sam Demo-Lead)"),
            (practitionerId, SupervisionKind.GroupSupervision, 20, "Dr Ash Demo-Morgan, forensic psychiatrist"),
            (practitionerId, SupervisionKind.OneToOneAccredited, 50, "Jo Demo-Clarke, BPS accredited supervisor"),
            (supportWorkerId, SupervisionKind.ReflectivePeerSession, 9, "Peer group (facilitated by Sam Demo-Lead)"),
            (supportWorkerId, SupervisionKind.OneToOneAccredited, 16, "Jo Demo-Clarke, BPS accredited supervisor"),
        ];
        foreach (var s in supervision)
            yield return new SupervisionSession
            {
                TeamId = teamId, UserId = s.User, Kind = s.Kind, HeldOn = today.AddDays(-s.DaysAgo), SupervisorName = s.Supervisor,
                RecordedAt = now.AddDays(-s.DaysAgo), RecordedByUserId = managerId,
            };
    }
}
