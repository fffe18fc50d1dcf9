namespace Waymark.Episodes;

/// <summary>Coded reasons an episode ends (reference data, not free text).</summary>
public enum ClosureReason
{
    SupportCompleted = 1,
    NoFurtherActionAfterScreening = 2,
    NoFurtherActionAfterAssessment = 3,
    DeclinedByPerson = 4,
    DisengagedNoContact = 5,
    TransferredToAnotherService = 6,
    RemandedOrSentencedToCustody = 7,
    MovedOutOfArea = 8,
    Died = 9,
    OpenedInError = 10,
}

public static class ClosureReasons
{
    public static string Display(ClosureReason r) => r switch
    {
        ClosureReason.SupportCompleted => "Support completed",
        ClosureReason.NoFurtherActionAfterScreening => "No further action after screening",
        ClosureReason.NoFurtherActionAfterAssessment => "No further action after assessment",
        ClosureReason.DeclinedByPerson => "Declined by the person",
        ClosureReason.DisengagedNoContact => "Disengaged – no contact",
        ClosureReason.TransferredToAnotherService => "Transferred to another service",
        ClosureReason.RemandedOrSentencedToCustody => "Remanded or sentenced to custody",
        ClosureReason.MovedOutOfArea => "Moved out of area",
        ClosureReason.Died => "Died",
        ClosureReason.OpenedInError => "Opened in error",
        _ => r.ToString(),
    };
}
