using System.Globalization;
using Waymark.Duplicates;
using Waymark.People;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Duplicates;

/// <summary>How a pair and its reasons read on the queue and review pages.</summary>
public static class PairView
{
    /// <summary>A reason line without its weight, and whether it points to the same person, to different people, or decides by rule.</summary>
    public static (string Text, string Direction) Reason(string line)
    {
        var comma = line.LastIndexOf(", ", StringComparison.Ordinal);
        if (comma > 0 && double.TryParse(line[(comma + 2)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
        {
            var direction = weight > 0.05 ? "points to the same person" : weight < -0.05 ? "points to different people" : "says little either way";
            return (line[..comma], direction);
        }
        return (line, line.StartsWith("Rule:", StringComparison.Ordinal) ? "decides it" : "");
    }

    public static string Likelihood(DuplicateCandidate c) =>
        c.Rule != Matching.MatchRule.None ? "Same identifier" : c.Probability.ToString("0%", CultureInfo.InvariantCulture);

    public static string OtherNames(PersonSide p) => p.OtherNames.Count == 0 ? "None recorded" : string.Join(", ", p.OtherNames);

    public static string DateOfBirth(PersonSide p) =>
        p.Show(Waymark.People.PersonField.DateOfBirth) + (p.OtherDatesOfBirth.Count == 0 ? "" : " (also gave " + string.Join(", ", p.OtherDatesOfBirth.Select(d => Display.ShortDate(d))) + ")");

    public static string Sex(Waymark.People.Sex s) => s switch
    {
        Waymark.People.Sex.Male => "Male",
        Waymark.People.Sex.Female => "Female",
        Waymark.People.Sex.NotSpecified => "Not specified",
        _ => "Not known",
    };
}
