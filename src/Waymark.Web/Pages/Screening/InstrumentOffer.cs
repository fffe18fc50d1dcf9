using Waymark.Episodes;
using Waymark.Instruments;

namespace Waymark.Web.Pages.Screening;

public static class InstrumentOffer
{
    /// <summary>The instruments validated for the person's age and meant for the setting, shortest first (custody time is short).</summary>
    public static IReadOnlyList<InstrumentDefinition> For(InstrumentCatalogue catalogue, int? age, Setting setting) =>
        catalogue.ForAge(age).Where(d => d.SuitsSetting(setting.ToString()))
            .OrderBy(d => d.Items.Length).ThenBy(d => d.Title, StringComparer.Ordinal).ToList();
}
