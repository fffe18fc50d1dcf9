using Waymark.Instruments;

namespace Waymark.Core.Tests.Unit.Instruments;

public class InstrumentSettingsTests
{
    [Fact]
    public void The_jail_screen_is_offered_in_custody_and_court_but_not_on_the_street()
    {
        var bjmhs = InstrumentCatalogue.BuiltIn().Find("bjmhs")!;
        Assert.True(bjmhs.SuitsSetting("PoliceCustody"));
        Assert.True(bjmhs.SuitsSetting("MagistratesCourt"));
        Assert.False(bjmhs.SuitsSetting("StreetTriage"));
        Assert.True(InstrumentCatalogue.BuiltIn().Find("phq-9")!.SuitsSetting("StreetTriage")); // no list: anywhere
    }

    [Theory]
    [InlineData("\"PoliceCustody\"", "settings", "must be an array")]
    [InlineData("[\"Pub\"]", "settings[0]", "'Pub' is not a setting")]
    [InlineData("[\"Prison\", \"Prison\"]", "settings[1]", "listed twice")]
    [InlineData("[]", "settings", "at least one setting")]
    [InlineData("[3]", "settings[0]", "must be a setting name")]
    public void A_bad_settings_list_is_refused_naming_the_field(string settings, string field, string problem)
    {
        var json = $$$"""
            {"id":"x","version":"1","title":"X","description":"d","source":"s","licence":"l","settings":{{{settings}}},
             "items":[{"id":"1","text":"Q","options":[{"label":"No","value":0},{"label":"Yes","value":1}]}],
             "scoring":{"total":{"items":["1"]},"bands":[{"min":0,"max":1,"label":"Any"}]}}
            """;
        var problems = new List<InstrumentLoadProblem>();
        Assert.Null(DefinitionReader.Read("x.json", json, problems));
        Assert.Contains(problems, p => p.File == "x.json" && p.Field == field && p.Problem.Contains(problem));
    }
}
