using AngleSharp.Html.Dom;

namespace Waymark.Web.Tests.Support;

/// <summary>
/// A form as a browser would submit it: every named field with its current value (hidden fields and
/// the antiforgery token included, only checked boxes and radios), then changed by the test.
/// </summary>
public sealed class HtmlForm
{
    private readonly List<KeyValuePair<string, string>> _fields;

    private HtmlForm(string action, string method, List<KeyValuePair<string, string>> fields)
    {
        Action = action;
        Method = method;
        _fields = fields;
    }

    public string Action { get; }
    public string Method { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public static HtmlForm Read(IHtmlFormElement form, Uri page)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "submit" or "button" or "image" or "reset" or "file") continue;
                    if (type is "checkbox" or "radio" && !input.HasAttribute("checked")) continue;
                    fields.Add(new(name, input.GetAttribute("value") ?? (type is "checkbox" or "radio" ? "on" : "")));
                    break;
                case IHtmlTextAreaElement textarea:
                    fields.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? select.Options.FirstOrDefault();
                    if (chosen is not null) fields.Add(new(name, chosen.GetAttribute("value") ?? chosen.TextContent));
                    break;
            }
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.PathAndQuery : action;
        return new HtmlForm(target, (form.GetAttribute("method") ?? "get").ToLowerInvariant(), fields);
    }

    public string? this[string name] => _fields.FirstOrDefault(f => f.Key == name).Value;

    public bool Has(string name) => _fields.Any(f => f.Key == name);

    /// <summary>Sets a field to one value (as typing, or choosing one radio), replacing what it had.</summary>
    public HtmlForm Set(string name, string? value)
    {
        Remove(name);
        if (value is not null) _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Sets a field to several values (ticked checkboxes).</summary>
    public HtmlForm SetAll(string name, params string[] values)
    {
        Remove(name);
        _fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return this;
    }

    /// <summary>Sets day, month and year boxes of a date field.</summary>
    public HtmlForm SetDate(string name, DateOnly date) =>
        Set($"{name}.Day", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set($"{name}.Month", date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set($"{name}.Year", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public HtmlForm Remove(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public Task<HttpResponseMessage> SubmitAsync(AppClient client)
    {
        if (Method == "post") return client.PostAsync(Action, _fields);
        var query = string.Join('&', _fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return client.GetAsync(Action.Split('?')[0] + (query.Length > 0 ? "?" + query : ""));
    }
}
