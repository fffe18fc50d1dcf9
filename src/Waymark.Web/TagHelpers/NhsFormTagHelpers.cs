using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Waymark.Web.TagHelpers;

/// <summary>
/// NHS.UK frontend form components rendered from a model expression: label, hint, error message and
/// the value the user typed (taken from ModelState first, so a rejected answer is shown back as typed).
/// The first control of a group gets the field's id, so error-summary links land on it.
/// </summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = default!;
    [HtmlAttributeNotBound, ViewContext] public ViewContext ViewContext { get; set; } = default!;
    [HtmlAttributeName("hint")] public string? Hint { get; set; }

    protected static readonly HtmlEncoder Enc = HtmlEncoder.Default;
    protected string Name => For.Name;
    protected string Id => NhsIds.For(For.Name);

    protected string? Error =>
        ViewContext.ViewData.ModelState.TryGetValue(Name, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    protected string? Value(string? name = null)
    {
        name ??= Name;
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null)
            return entry.AttemptedValue;
        return name == Name ? For.Model switch
        {
            null => null,
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => For.Model.ToString(),
        } : null;
    }

    protected string DescribedBy(params string?[] ids)
    {
        var list = ids.Where(i => i is not null).ToList();
        return list.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', list)}\"";
    }

    protected void HintAndError(StringBuilder sb, out string? hintId, out string? errorId)
    {
        hintId = errorId = null;
        if (!string.IsNullOrEmpty(Hint))
        {
            hintId = Id + "-hint";
            sb.Append($"<div class=\"nhsuk-hint\" id=\"{hintId}\">{Enc.Encode(Hint)}</div>");
        }
        if (Error is { } err)
        {
            errorId = Id + "-error";
            sb.Append($"<span class=\"nhsuk-error-message\" id=\"{errorId}\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> {Enc.Encode(err)}</span>");
        }
    }

    protected void Done(TagHelperOutput output, StringBuilder sb)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(sb.ToString());
        NhsFieldOrder.Add(ViewContext.HttpContext, Name);
    }

    protected string GroupClass => "nhsuk-form-group" + (Error is null ? "" : " nhsuk-form-group--error");
}

/// <summary>The order the fields of a page were rendered in, so the error summary can list errors in that order.</summary>
public static class NhsFieldOrder
{
    private static readonly object Key = new();

    public static void Add(Microsoft.AspNetCore.Http.HttpContext http, string name)
    {
        if (http.Items[Key] is not List<string> list) http.Items[Key] = list = [];
        if (!list.Contains(name)) list.Add(name);
    }

    public static List<string> Of(Microsoft.AspNetCore.Http.HttpContext http) => http.Items[Key] as List<string> ?? [];
}

/// <summary>
/// Where the error summary's link for a field lands when it is not the field's own id: a date input's first wrong box
/// ("Dob-month" when only the month is missing).
/// </summary>
public static class NhsFieldAnchors
{
    private static readonly object Key = new();

    /// <summary>Says that errors of the field <paramref name="name"/> link to the element with id <paramref name="id"/>.</summary>
    public static void Set(Microsoft.AspNetCore.Http.HttpContext http, string name, string id)
    {
        if (http.Items[Key] is not Dictionary<string, string> map) http.Items[Key] = map = new(StringComparer.Ordinal);
        map[name] = id;
    }

    /// <summary>The id errors of the field <paramref name="name"/> link to: the one set, else <see cref="NhsIds.For"/>.</summary>
    public static string For(Microsoft.AspNetCore.Http.HttpContext http, string name) =>
        http.Items[Key] is Dictionary<string, string> map && map.TryGetValue(name, out var id) ? id : NhsIds.For(name);
}

public static class NhsIds
{
    public static string For(string name) => TagBuilder.CreateSanitizedId(name, "_");
}

[HtmlTargetElement("nhs-input", TagStructure = TagStructure.WithoutEndTag)]
public class NhsInputTagHelper : NhsFieldTagHelper
{
    public string Label { get; set; } = "";
    public string? LabelClass { get; set; }
    public bool LabelIsHeading { get; set; }
    public string Type { get; set; } = "text";
    public string? Width { get; set; }
    public string? Autocomplete { get; set; }
    public string? Inputmode { get; set; }
    public bool Spellcheck { get; set; } = true;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var sb = new StringBuilder($"<div class=\"{GroupClass}\">");
        var label = $"<label class=\"nhsuk-label{(LabelClass is null ? "" : " " + LabelClass)}\" for=\"{Id}\">{Enc.Encode(Label)}</label>";
        sb.Append(LabelIsHeading ? $"<h1 class=\"nhsuk-label-wrapper\">{label}</h1>" : label);
        HintAndError(sb, out var hintId, out var errorId);
        var cls = "nhsuk-input" + (Width is null ? "" : $" nhsuk-input--width-{Width}") + (Error is null ? "" : " nhsuk-input--error");
        // A password is never written back into the page, even when the form is shown again with errors.
        var value = Type == "password" ? "" : Value() ?? "";
        sb.Append($"<input class=\"{cls}\" id=\"{Id}\" name=\"{Enc.Encode(Name)}\" type=\"{Type}\" value=\"{Enc.Encode(value)}\"");
        if (Autocomplete is not null) sb.Append($" autocomplete=\"{Autocomplete}\"");
        if (Inputmode is not null) sb.Append($" inputmode=\"{Inputmode}\"");
        if (!Spellcheck) sb.Append(" spellcheck=\"false\"");
        sb.Append(DescribedBy(hintId, errorId)).Append("></div>");
        Done(output, sb);
    }
}

[HtmlTargetElement("nhs-textarea", TagStructure = TagStructure.WithoutEndTag)]
public class NhsTextareaTagHelper : NhsFieldTagHelper
{
    public string Label { get; set; } = "";
    public string? LabelClass { get; set; }
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var sb = new StringBuilder($"<div class=\"{GroupClass}\">");
        sb.Append($"<label class=\"nhsuk-label{(LabelClass is null ? "" : " " + LabelClass)}\" for=\"{Id}\">{Enc.Encode(Label)}</label>");
        HintAndError(sb, out var hintId, out var errorId);
        sb.Append($"<textarea class=\"nhsuk-textarea{(Error is null ? "" : " nhsuk-textarea--error")}\" id=\"{Id}\" name=\"{Enc.Encode(Name)}\" rows=\"{Rows}\"{DescribedBy(hintId, errorId)}>");
        sb.Append(Enc.Encode(Value() ?? "")).Append("</textarea></div>");
        Done(output, sb);
    }
}

/// <summary>Day, month and year boxes bound to a <see cref="Forms.DateParts"/>.</summary>
[HtmlTargetElement("nhs-date", TagStructure = TagStructure.WithoutEndTag)]
public class NhsDateTagHelper : NhsFieldTagHelper
{
    public string Legend { get; set; } = "";
    public string? LegendClass { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var sb = new StringBuilder($"<div class=\"{GroupClass}\">");
        sb.Append("<fieldset class=\"nhsuk-fieldset\" role=\"group\"");
        var hintId = Hint is null ? null : Id + "-hint";
        var errorId = Error is null ? null : Id + "-error";
        sb.Append(DescribedBy(hintId, errorId)).Append('>');
        sb.Append($"<legend class=\"nhsuk-fieldset__legend{(LegendClass is null ? "" : " " + LegendClass)}\">{Enc.Encode(Legend)}</legend>");
        HintAndError(sb, out _, out _);
        sb.Append($"<div class=\"nhsuk-date-input\">");
        var model = For.Model as Forms.DateParts;
        var typed = new Forms.DateParts
        {
            Day = Value($"{Name}.Day") ?? model?.Day, Month = Value($"{Name}.Month") ?? model?.Month, Year = Value($"{Name}.Year") ?? model?.Year,
        };
        // Only the boxes that are wrong are marked, and the error summary links to the first of them (NHS.UK and
        // GOV.UK date input pattern); an error the typed text does not explain (a later rule) marks all three.
        var wrong = Error is null ? Forms.DatePart.None : typed.WrongParts() is var w && w != Forms.DatePart.None ? w : Forms.DatePart.All;
        string IdOf(string part) => part == "Day" ? Id : $"{Id}-{part.ToLowerInvariant()}";
        if (wrong != Forms.DatePart.None)
            NhsFieldAnchors.Set(ViewContext.HttpContext, Name, IdOf(wrong.HasFlag(Forms.DatePart.Day) ? "Day" : wrong.HasFlag(Forms.DatePart.Month) ? "Month" : "Year"));
        foreach (var (part, label, width, flag) in new[] { ("Day", "Day", 2, Forms.DatePart.Day), ("Month", "Month", 2, Forms.DatePart.Month), ("Year", "Year", 4, Forms.DatePart.Year) })
        {
            var name = $"{Name}.{part}";
            var id = IdOf(part);
            var cls = $"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}" + (wrong.HasFlag(flag) ? " nhsuk-input--error" : "");
            var value = part switch { "Day" => typed.Day, "Month" => typed.Month, _ => typed.Year };
            sb.Append("<div class=\"nhsuk-date-input__item\"><div class=\"nhsuk-form-group\">");
            sb.Append($"<label class=\"nhsuk-label nhsuk-date-input__label\" for=\"{id}\">{label}</label>");
            sb.Append($"<input class=\"{cls}\" id=\"{id}\" name=\"{Enc.Encode(name)}\" type=\"text\" inputmode=\"numeric\" value=\"{Enc.Encode(value ?? "")}\"></div></div>");
        }
        sb.Append("</div></fieldset></div>");
        Done(output, sb);
    }
}

public abstract class NhsChoiceTagHelper : NhsFieldTagHelper
{
    public string Legend { get; set; } = "";
    public string? LegendClass { get; set; }
    public bool LegendIsHeading { get; set; }
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    public bool Inline { get; set; }
    public bool Small { get; set; }

    protected abstract string Kind { get; }

    protected abstract bool IsChecked(string value);

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var sb = new StringBuilder($"<div class=\"{GroupClass}\">");
        var hintId = Hint is null ? null : Id + "-hint";
        var errorId = Error is null ? null : Id + "-error";
        sb.Append("<fieldset class=\"nhsuk-fieldset\"").Append(DescribedBy(hintId, errorId)).Append('>');
        var legend = LegendIsHeading ? $"<h1 class=\"nhsuk-fieldset__heading\">{Enc.Encode(Legend)}</h1>" : Enc.Encode(Legend);
        sb.Append($"<legend class=\"nhsuk-fieldset__legend{(LegendClass is null ? "" : " " + LegendClass)}\">{legend}</legend>");
        HintAndError(sb, out _, out _);
        sb.Append($"<div class=\"nhsuk-{Kind}{(Inline ? $" nhsuk-{Kind}--inline" : "")}{(Small ? $" nhsuk-{Kind}--small" : "")}\">");
        var i = 0;
        foreach (var item in Items)
        {
            var id = i++ == 0 ? Id : $"{Id}-{i}";
            var type = Kind == "radios" ? "radio" : "checkbox";
            sb.Append($"<div class=\"nhsuk-{Kind}__item\">");
            sb.Append($"<input class=\"nhsuk-{Kind}__input\" id=\"{id}\" name=\"{Enc.Encode(Name)}\" type=\"{type}\" value=\"{Enc.Encode(item.Value)}\"{(IsChecked(item.Value) ? " checked" : "")}>");
            sb.Append($"<label class=\"nhsuk-label nhsuk-{Kind}__label\" for=\"{id}\">{Enc.Encode(item.Text)}</label></div>");
        }
        sb.Append("</div></fieldset></div>");
        Done(output, sb);
    }
}

[HtmlTargetElement("nhs-radios", TagStructure = TagStructure.WithoutEndTag)]
public class NhsRadiosTagHelper : NhsChoiceTagHelper
{
    protected override string Kind => "radios";
    protected override bool IsChecked(string value) => string.Equals(Value(), value, StringComparison.OrdinalIgnoreCase);
}

[HtmlTargetElement("nhs-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public class NhsCheckboxesTagHelper : NhsChoiceTagHelper
{
    protected override string Kind => "checkboxes";

    protected override bool IsChecked(string value)
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.RawValue is not null)
            return entry.RawValue switch
            {
                string s => s == value,
                string[] a => a.Contains(value),
                _ => false,
            };
        return For.Model switch
        {
            IEnumerable<string> list => list.Contains(value),
            bool b => b && value == "true",
            _ => false,
        };
    }
}

[HtmlTargetElement("nhs-select", TagStructure = TagStructure.WithoutEndTag)]
public class NhsSelectTagHelper : NhsFieldTagHelper
{
    public string Label { get; set; } = "";
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var sb = new StringBuilder($"<div class=\"{GroupClass}\">");
        sb.Append($"<label class=\"nhsuk-label\" for=\"{Id}\">{Enc.Encode(Label)}</label>");
        HintAndError(sb, out var hintId, out var errorId);
        sb.Append($"<select class=\"nhsuk-select{(Error is null ? "" : " nhsuk-select--error")}\" id=\"{Id}\" name=\"{Enc.Encode(Name)}\"{DescribedBy(hintId, errorId)}>");
        var current = Value();
        foreach (var item in Items)
            sb.Append($"<option value=\"{Enc.Encode(item.Value)}\"{(string.Equals(item.Value, current, StringComparison.Ordinal) ? " selected" : "")}>{Enc.Encode(item.Text)}</option>");
        sb.Append("</select></div>");
        Done(output, sb);
    }
}

/// <summary>
/// The NHS error summary: every error in ModelState, each linking to its field, in the order the fields are on
/// the page (NHS.UK guidance). The summary comes before the fields, so its HTML is made when the page is written
/// out, after every field tag helper has run and said where it is; errors without a field come first.
/// </summary>
[HtmlTargetElement("nhs-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public class NhsErrorSummaryTagHelper : TagHelper
{
    [HtmlAttributeNotBound, ViewContext] public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        if (ViewContext.ViewData.ModelState.IsValid) { output.SuppressOutput(); return; }
        output.Content.SetHtmlContent(new Summary(ViewContext));
    }

    private sealed class Summary(ViewContext view) : Microsoft.AspNetCore.Html.IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var ms = view.ViewData.ModelState;
            var order = NhsFieldOrder.Of(view.HttpContext);
            int Rank(string key)
            {
                if (key.Length == 0) return -1;
                var i = order.IndexOf(key);
                return i < 0 ? int.MaxValue : i;
            }
            var errors = ms.Where(kv => kv.Value?.ValidationState == ModelValidationState.Invalid && kv.Value.Errors.Count > 0)
                .Select((kv, i) => (kv.Key, Message: kv.Value!.Errors[0].ErrorMessage, Seen: i))
                .OrderBy(e => Rank(e.Key)).ThenBy(e => e.Seen);
            var sb = new StringBuilder("<div class=\"nhsuk-error-summary\" data-module=\"nhsuk-error-summary\" tabindex=\"-1\"><div role=\"alert\">");
            sb.Append("<h2 class=\"nhsuk-error-summary__heading\">There is a problem</h2><div class=\"nhsuk-error-summary__body\"><ul class=\"nhsuk-list nhsuk-error-summary__list\">");
            foreach (var (key, error, _) in errors)
            {
                var message = string.IsNullOrEmpty(error) ? "Check this answer" : error;
                sb.Append(key.Length == 0
                    ? $"<li>{encoder.Encode(message)}</li>"
                    : $"<li><a href=\"#{NhsFieldAnchors.For(view.HttpContext, key)}\">{encoder.Encode(message)}</a></li>");
            }
            sb.Append("</ul></div></div></div>");
            writer.Write(sb.ToString());
        }
    }
}
