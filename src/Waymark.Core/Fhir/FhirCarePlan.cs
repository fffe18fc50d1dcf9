using Hl7.Fhir.Model;
using Waymark.ActionPlans;
using Waymark.CrisisPlans;

namespace Waymark.Fhir;

/// <summary>
/// A person's action plan or crisis plan (its current version) as a UK Core CarePlan, both written with the person and
/// shared with them. Action plan: title "Action plan", status <c>active</c>, intent <c>plan</c>, created, and one activity
/// per goal in the person's own words (status <c>in-progress</c>, <c>completed</c> when achieved, <c>stopped</c> when no
/// longer wanted). Crisis plan: title "Crisis plan", the current version's number and agreement in the description,
/// and its warning signs, what the person can do themselves, helpful people and places and safe surroundings as notes.
/// Left out: the steps' owners and workers, reviews' notes, why a goal matters or was stopped, the crisis contacts
/// (other people's names and phone numbers), own services, practical things and who was there (docs/fhir.md).
/// </summary>
public static class FhirCarePlan
{
    /// <summary>The CarePlan for <paramref name="plan"/> with its <paramref name="goals"/> (any order; shown by when added).</summary>
    public static CarePlan FromActionPlan(ActionPlan plan, IEnumerable<ActionPlanGoal> goals)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(goals);
        var care = New(plan.Id, plan.PersonId, plan.CreatedAt, "Action plan");
        care.Description = plan.NextReviewOn is { } review ? $"Next review on {review:yyyy-MM-dd}" : null;
        foreach (var goal in goals.OrderBy(g => g.AddedAt).ThenBy(g => g.Id))
        {
            care.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Status = goal.Status switch
                    {
                        GoalStatus.Achieved => CarePlan.CarePlanActivityStatus.Completed,
                        GoalStatus.NoLongerWanted => CarePlan.CarePlanActivityStatus.Stopped,
                        _ => CarePlan.CarePlanActivityStatus.InProgress,
                    },
                    Description = goal.InTheirWords,
                },
            });
        }
        return UkCore.Claim(care);
    }

    /// <summary>The CarePlan for <paramref name="plan"/> as its <paramref name="current"/> version says.</summary>
    public static CarePlan FromCrisisPlan(CrisisPlan plan, CrisisPlanVersion current)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(current);
        var care = New(plan.Id, plan.PersonId, plan.CreatedAt, "Crisis plan");
        care.Description = $"Version {current.Number}" + (current.AgreedWithPerson && current.AgreedOn is { } on ? $", agreed with the person on {on:yyyy-MM-dd}" : ", not agreed with the person");
        Section(care, "Warning signs and triggers", current.WarningSigns, current.RecordedAt);
        Section(care, "What I can do myself", current.SelfHelp, current.RecordedAt);
        Section(care, "People and places that help", current.HelpfulPeopleAndPlaces, current.RecordedAt);
        Section(care, "Making my surroundings safe", current.SafeSurroundings, current.RecordedAt);
        return UkCore.Claim(care);
    }

    private static CarePlan New(Guid id, Guid personId, DateTimeOffset created, string title) => new()
    {
        Id = id.ToString(),
        Status = RequestStatus.Active,
        Intent = CarePlan.CarePlanIntent.Plan,
        Title = title,
        Category = [new CodeableConcept { Text = title }],
        Subject = UkCore.PatientReference(personId),
        CreatedElement = UkCore.DateTime(created),
    };

    private static void Section(CarePlan care, string heading, string lines, DateTimeOffset at)
    {
        var items = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) return;
        care.Note.Add(new Annotation { Text = new Markdown(heading + ":\n\n" + string.Join("\n", items.Select(i => "- " + i))), TimeElement = UkCore.DateTime(at) });
    }
}
