namespace Waymark.Referrals;

/// <summary>
/// The rules of a referral's life: which step may follow which. The status is the latest step; the
/// outcome is known once the service declined, the person engaged, or the referral ended.
/// </summary>
public static class ReferralLifecycle
{
    private static readonly Dictionary<ReferralStep, ReferralStep[]> Next = new()
    {
        [ReferralStep.Drafted] = [ReferralStep.Sent, ReferralStep.Ended],
        [ReferralStep.Sent] = [ReferralStep.Acknowledged, ReferralStep.Accepted, ReferralStep.Declined, ReferralStep.AppointmentBooked, ReferralStep.Ended],
        [ReferralStep.Acknowledged] = [ReferralStep.Accepted, ReferralStep.Declined, ReferralStep.AppointmentBooked, ReferralStep.Ended],
        [ReferralStep.Accepted] = [ReferralStep.AppointmentBooked, ReferralStep.Engaged, ReferralStep.Ended],
        [ReferralStep.AppointmentBooked] = [ReferralStep.Attended, ReferralStep.DidNotAttend, ReferralStep.AppointmentBooked, ReferralStep.Ended],
        [ReferralStep.Attended] = [ReferralStep.Engaged, ReferralStep.AppointmentBooked, ReferralStep.Ended],
        [ReferralStep.DidNotAttend] = [ReferralStep.AppointmentBooked, ReferralStep.Ended],
        [ReferralStep.Engaged] = [ReferralStep.Ended],
        [ReferralStep.Declined] = [],
        [ReferralStep.Ended] = [],
    };

    public static ReferralStep StatusOf(IEnumerable<ReferralEvent> events) =>
        events.OrderBy(e => e.Sequence).Select(e => (ReferralStep?)e.Step).LastOrDefault() ?? ReferralStep.Drafted;

    public static IReadOnlyList<ReferralStep> Allowed(ReferralStep status) => Next[status];

    public static bool IsOutcomeKnown(ReferralStep status) => status is ReferralStep.Declined or ReferralStep.Engaged or ReferralStep.Ended;

    /// <summary>Null if <paramref name="next"/> may follow <paramref name="status"/>; otherwise why not, in words.</summary>
    public static string? WhyNot(ReferralStep status, ReferralStep next)
    {
        if (Next[status].Contains(next)) return null;
        if (status is ReferralStep.Declined or ReferralStep.Ended)
            return $"This referral has {(status == ReferralStep.Declined ? "been declined" : "ended")}, so nothing more can be recorded on it. Make a new referral if the person needs one.";
        if (status == ReferralStep.Drafted)
            return $"The referral has not been sent yet, so it cannot be {Display(next).ToLowerInvariant()}. Record that it was sent first.";
        return next switch
        {
            ReferralStep.Sent => "The referral has already been sent.",
            ReferralStep.Attended or ReferralStep.DidNotAttend => "There is no appointment booked to attend. Record the appointment first.",
            ReferralStep.Acknowledged => $"The referral is already {Display(status).ToLowerInvariant()}, so it cannot go back to acknowledged.",
            ReferralStep.Accepted or ReferralStep.Declined => $"The service's decision is already known (the referral is {Display(status).ToLowerInvariant()}).",
            ReferralStep.Engaged => "The person can only be recorded as engaged once the service has accepted them or they attended.",
            _ => $"'{Display(next)}' cannot follow '{Display(status)}'.",
        };
    }

    public static string Display(ReferralStep s) => s switch
    {
        ReferralStep.Drafted => "Draft",
        ReferralStep.AppointmentBooked => "Appointment booked",
        ReferralStep.DidNotAttend => "Did not attend",
        _ => s.ToString(),
    };

    public static string TagColour(ReferralStep s) => s switch
    {
        ReferralStep.Drafted => "nhsuk-tag--grey",
        ReferralStep.Declined => "nhsuk-tag--red",
        ReferralStep.DidNotAttend => "nhsuk-tag--orange",
        ReferralStep.Engaged or ReferralStep.Attended => "nhsuk-tag--green",
        ReferralStep.Ended => "nhsuk-tag--grey",
        _ => "nhsuk-tag--blue",
    };

    public static string Display(DeclineReason r) => r switch
    {
        DeclineReason.BelowThreshold => "Below threshold",
        DeclineReason.NotEligible => "Not eligible",
        DeclineReason.NoCapacity => "No capacity",
        DeclineReason.DeclinedByPerson => "Declined by the person",
        DeclineReason.OutOfArea => "Out of area",
        DeclineReason.CouldNotContactPerson => "Could not contact the person",
        DeclineReason.OffendingHistory => "Offending history",
        DeclineReason.SubstanceUse => "Drug or alcohol use",
        _ => "Other",
    };

    public static string Display(ReferralMethod m) => m switch
    {
        ReferralMethod.SecureEmail => "Secure email",
        ReferralMethod.OnlineForm => "Online form",
        ReferralMethod.InPerson => "In person",
        ReferralMethod.WarmHandover => "Warm handover (introduced in person or by phone with the person there)",
        _ => m.ToString(),
    };
}
