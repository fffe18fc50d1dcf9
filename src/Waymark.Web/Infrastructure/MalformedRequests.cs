using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Refuses a malformed request with 400 (413 for a body over the server's limit) before routing, so no page, model
/// binder or database ever sees it: a form body the form reader cannot read (<see cref="InvalidDataException"/>,
/// <see cref="BadHttpRequestException"/>: too many fields, a key or value over the limits, a broken multipart body),
/// or a path, query or form field (name or value) holding a NUL character or a lone UTF-16 surrogate (PostgreSQL
/// refuses NUL in text, so such a value could only end in a 500 or be silently cut). The refused form is replaced by
/// an empty one so the error page, shown by the status-code pages, does not read it again. Nothing of the request's
/// values is logged (they may hold personal data), only which part was refused.
/// </summary>
public sealed class MalformedRequests(RequestDelegate next, ILogger<MalformedRequests> log)
{
    /// <summary>Checks the request, then passes it on or answers 400/413 with no body (the status-code pages add the error page).</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        // The error page shown for a refused request passes through here again: let it.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        var status = StatusCodes.Status400BadRequest;
        string? refused = HasBadCharacter(request.Path.Value) ? "path" : request.Query.Any(Bad) ? "query" : null;
        if (refused is null && request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                if (form.Any(Bad) || form.Files.Any(f => HasBadCharacter(f.Name) || HasBadCharacter(f.FileName))) refused = "form field";
            }
            catch (InvalidDataException)
            {
                refused = "unreadable form";
            }
            catch (BadHttpRequestException e)
            {
                refused = "unreadable form";
                if (e.StatusCode == StatusCodes.Status413PayloadTooLarge) status = e.StatusCode;
            }
        }
        if (refused is null)
        {
            await next(context);
            return;
        }
        log.LogInformation("Refused a malformed request to {Path}: {Part}", HasBadCharacter(request.Path.Value) ? "(bad path)" : request.Path.Value, refused);
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = status;
    }

    private static bool Bad(KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> field) =>
        HasBadCharacter(field.Key) || field.Value.Any(HasBadCharacter);

    /// <summary>True when <paramref name="s"/> holds a NUL character or a UTF-16 surrogate that is not half of a pair.</summary>
    public static bool HasBadCharacter(string? s)
    {
        if (s is null) return false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\0') return true;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                return true;
            }
            if (char.IsLowSurrogate(c)) return true;
        }
        return false;
    }
}
