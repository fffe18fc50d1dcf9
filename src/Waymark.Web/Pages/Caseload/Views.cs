using Waymark.Access;
using Waymark.Caseload;

namespace Waymark.Web.Pages.Caseload;

public class TeamCaseloadModel(CaseloadQuery q, Capacity c, ICurrentUser u) : CaseloadPage(q, c, u)
{
    public override string Heading => "Team caseload";
    public override string Section => "caseload";
    protected override CaseloadFilter Fix(CaseloadFilter f) => f;
}

public class MyCaseloadModel(CaseloadQuery q, Capacity c, ICurrentUser u) : CaseloadPage(q, c, u)
{
    public override string Heading => "My caseload";
    public override string Section => "mine";
    public override bool ShowWorkerFilter => false;
    public override bool ShowKeyWorkerColumn => false;
    protected override CaseloadFilter Fix(CaseloadFilter f) => f with { KeyWorkerId = MyUserId, UnallocatedOnly = false };
}

public class UnallocatedModel(CaseloadQuery q, Capacity c, ICurrentUser u) : CaseloadPage(q, c, u)
{
    public override string Heading => "Unallocated episodes";
    public override string Section => "unallocated";
    public override bool ShowWorkerFilter => false;
    public override bool ShowKeyWorkerColumn => false;
    public override bool MostUrgentFirst => true;
    protected override CaseloadFilter Fix(CaseloadFilter f) => f with { KeyWorkerId = null, UnallocatedOnly = true, MostUrgentFirst = true };
}

/// <summary>
/// The team's open episodes that are not in touch (<see cref="Waymark.Support.Engagement"/>), longest out of touch first.
/// </summary>
public class NotInTouchModel(CaseloadQuery q, Capacity c, ICurrentUser u) : CaseloadPage(q, c, u)
{
    public override string Heading => "Not in touch";
    public override string Section => "not-in-touch";
    protected override CaseloadFilter Fix(CaseloadFilter f) => f with { NotInTouchOnly = true, LongestOutOfTouchFirst = true };
}
