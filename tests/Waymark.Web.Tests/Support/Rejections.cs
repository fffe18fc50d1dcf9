namespace Waymark.Web.Tests.Support;

/// <summary>A bad answer typed into a form: the fields typed (null removes one), and the error the app should show.</summary>
public sealed record BadInput(string Name, (string Field, string? Value)[] Typed, string ErrorId, string Message)
{
    public const string Script = "<script>alert(1)</script>";

    /// <summary>100 KB of ordinary text.</summary>
    public static readonly string HundredKb = string.Concat(Enumerable.Repeat("All work and no play. ", 5000))[..(100 * 1024)];

    public override string ToString() => Name;
}

/// <summary>Checks that a form was shown again the NHS way after a bad answer.</summary>
public static class Rejections
{
    /// <summary>The id a field's control gets (NhsFormTagHelpers: '.' → '_'; a date's day box has the date's id).</summary>
    public static string IdOf(string field) =>
        field.EndsWith(".Day", StringComparison.Ordinal) ? IdOf(field[..^4])
        : field.EndsWith(".Month", StringComparison.Ordinal) ? IdOf(field[..^6]) + "-month"
        : field.EndsWith(".Year", StringComparison.Ordinal) ? IdOf(field[..^5]) + "-year"
        : field.Replace('.', '_');

    /// <param name="choiceFields">Radios and checkboxes, whose typed value is not a text box value.</param>
    public static void AssertShownAgain(HtmlPage page, BadInput input, params string[] choiceFields)
    {
        var where = $"[{input.Name}] {page.Url.PathAndQuery[..Math.Min(page.Url.PathAndQuery.Length, 80)]}";
        Assert.True(page.Status == System.Net.HttpStatusCode.OK, $"{where}: answered {(int)page.Status}, expected the form again with 200");
        Assert.True(page.ErrorSummary is not null, $"{where}: no error summary");
        Assert.True(page.ErrorLinks.Contains(($"#{input.ErrorId}", input.Message)),
            $"{where}: error summary should link #{input.ErrorId} with \"{input.Message}\"; it has: {string.Join("; ", page.ErrorLinks)}");
        Assert.True(page.Document.GetElementById(input.ErrorId) is not null, $"{where}: the summary links to #{input.ErrorId}, which is not on the page");
        Assert.Equal(input.Message, page.FieldError(input.ErrorId));
        foreach (var (field, value) in input.Typed)
        {
            if (value is null || choiceFields.Contains(field)) continue;
            var shown = page.FieldValue(IdOf(field));
            Assert.True(shown == value, $"{where}: {field} should show what was typed ({Short(value)}), shows {Short(shown)}");
        }
        Assert.DoesNotContain("<script>alert(1)", page.Html, StringComparison.Ordinal);
    }

    /// <summary>Sets the typed fields on a form.</summary>
    public static HtmlForm Type(this HtmlForm form, BadInput input)
    {
        foreach (var (field, value) in input.Typed) form.Set(field, value);
        return form;
    }

    private static string Short(string? s) => s is null ? "null" : s.Length > 40 ? $"\"{s[..40]}…\" ({s.Length} chars)" : $"\"{s}\"";
}
