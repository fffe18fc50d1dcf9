using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Waymark.Web.Forms;

/// <summary>
/// A From–To period typed in two <c>&lt;nhs-date&gt;</c> boxes on a figures page (the team's figures, unmet need, the
/// commissioner's figures, the custody and court list figures): one reading, so every such page refuses and defaults the
/// same way.
/// </summary>
public static class PeriodInput
{
    /// <summary>
    /// Reads <paramref name="from"/> and <paramref name="to"/> (field names "From" and "To"). An empty box takes its default
    /// (<paramref name="defaultFrom"/>, or <paramref name="today"/> for To) and is filled in with it, so the form shows the
    /// period used. Adds each problem to <paramref name="modelState"/> under its field: a date that is not real, then the
    /// period's own rules (<see cref="DateLimits.Period"/>: From after To, too long, out of range).
    /// </summary>
    /// <returns>The period, or null when <paramref name="modelState"/> has any problem (the page shows the error summary, typed values kept).</returns>
    public static (DateOnly From, DateOnly To)? Read(ModelStateDictionary modelState, DateParts from, DateParts to, DateOnly defaultFrom, DateOnly today, int longestDays = DateLimits.LongestPeriodDays)
    {
        var (fromDate, fromError) = from.Parse("From date");
        var (toDate, toError) = to.Parse("To date");
        if (fromError is not null) modelState.AddModelError("From", fromError);
        if (toError is not null) modelState.AddModelError("To", toError);
        fromDate ??= defaultFrom;
        toDate ??= today;
        if (modelState.IsValid)
            foreach (var (field, message) in DateLimits.Period(fromDate.Value, toDate.Value, today, longestDays))
                modelState.AddModelError(field == "To" ? "To" : "From", message);
        if (!modelState.IsValid) return null;
        if (from.IsEmpty) from.Fill(fromDate.Value);
        if (to.IsEmpty) to.Fill(toDate.Value);
        return (fromDate.Value, toDate.Value);
    }
}
