using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Keeps personal data out of the logs whatever the configured levels (docs/security.md, "Logging"). Every logging
/// provider is wrapped (<see cref="LogRedaction.AddWaymarkLogRedaction"/>) so that, in code and not by configuration:
/// <list type="bullet">
/// <item>categories whose lines carry request data are dropped below Warning (<see cref="Drops"/>): the hosting
/// diagnostics' request-start/finish lines (path and query string), Kestrel's bad-request lines (the request line),
/// EF Core's and Npgsql's command lines (SQL text); and every category at Trace, which .NET documents as "may
/// contain sensitive application data" (MVC logs handler arguments there);</item>
/// <item>what is left has values that look like data replaced (<see cref="Redact"/>): query strings, quoted values,
/// e-mail addresses, GUIDs (person ids identify people), dates, and runs of six or more digits (NHS numbers, phone
/// numbers, PNC numbers) — in the message, in each structured value, in scopes and in exception text.</item>
/// </list>
/// Names in free text cannot be recognised; the rule for our own code is that no message or exception carries one.
/// </summary>
public static partial class LogRedaction
{
    /// <summary>What replaces a redacted value.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>
    /// Categories (and their sub-categories) dropped below <see cref="LogLevel.Warning"/>, because their lines carry
    /// the request's path and query string, the raw request line, or SQL text.
    /// </summary>
    public static readonly IReadOnlyList<string> Drops =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
    ];

    /// <summary>
    /// Wraps every logging provider registered so far in one that drops and redacts (see <see cref="LogRedaction"/>).
    /// Call it after the last provider is added; <see cref="EnsureAllProvidersRedact"/> checks at start-up that none
    /// was added afterwards.
    /// </summary>
    public static ILoggingBuilder AddWaymarkLogRedaction(this ILoggingBuilder logging)
    {
        var services = logging.Services;
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(ILoggerProvider) || d.IsKeyedService) continue;
            if (d.ImplementationType is { } type)
            {
                // The container builds (and disposes) the provider as before, under its own type.
                services.TryAdd(ServiceDescriptor.Singleton(type, type));
                services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new RedactingLoggerProvider((ILoggerProvider)sp.GetRequiredService(type), disposeInner: false));
            }
            else
                services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new RedactingLoggerProvider(
                    d.ImplementationInstance as ILoggerProvider ?? (ILoggerProvider)d.ImplementationFactory!(sp),
                    disposeInner: d.ImplementationInstance is null));
        }
        return logging;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when a logging provider does not redact (one added after <see cref="AddWaymarkLogRedaction"/>).</summary>
    public static void EnsureAllProvidersRedact(IServiceProvider services)
    {
        var bare = services.GetServices<ILoggerProvider>().Where(p => p is not RedactingLoggerProvider).Select(p => p.GetType().Name).ToList();
        if (bare.Count > 0)
            throw new InvalidOperationException($"Logging providers added after AddWaymarkLogRedaction would log unredacted: {string.Join(", ", bare)}.");
    }

    /// <summary>False for lines that are never written: Trace in any category, and the <see cref="Drops"/> below Warning.</summary>
    public static bool IsWritten(string category, LogLevel level)
    {
        if (level is LogLevel.Trace or LogLevel.None) return false;
        if (level >= LogLevel.Warning) return true;
        foreach (var drop in Drops)
            if (category.StartsWith(drop, StringComparison.Ordinal) && (category.Length == drop.Length || category[drop.Length] == '.'))
                return false;
        return true;
    }

    /// <summary>The text with values that look like personal data replaced by <see cref="Redacted"/>; null stays null.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = QueryString().Replace(text, "?" + Redacted);
        text = Quoted().Replace(text, m => IsCodeName(m.Groups["v"].Value) ? m.Value : m.Groups["q"].Value + Redacted + m.Groups["q"].Value);
        text = Email().Replace(text, Redacted);
        text = Guid().Replace(text, Redacted);
        text = Date().Replace(text, Redacted);
        text = Digits().Replace(text, Redacted);
        return text;
    }

    // A quoted type, member or table.column name ('Waymark.People.Person', "People.NhsNumber") is kept: exception
    // messages are useless without them, and a dotted identifier is not a value a person typed.
    private static bool IsCodeName(string value) => CodeName().IsMatch(value);

    [GeneratedRegex(@"(?<=[\w/])\?[^\s""'<>]+")]
    private static partial Regex QueryString();

    [GeneratedRegex(@"(?<q>['""])(?<v>[^'""\r\n]+)\k<q>|(?<q>[“‘])(?<v>[^\r\n”’]+)[”’]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_`]*(\.[A-Za-z_][A-Za-z0-9_`\[\],+<>]*)+$")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\b\d{4}-\d{1,2}-\d{1,2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Date();

    [GeneratedRegex(@"\d(?:[ -]?\d){5,}")]
    private static partial Regex Digits();
}

/// <summary>A provider whose loggers drop and redact (see <see cref="LogRedaction"/>) before the wrapped provider writes.</summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, bool disposeInner = true) : ILoggerProvider, ISupportExternalScope
{
    /// <summary>The provider that writes.</summary>
    public ILoggerProvider Inner => inner;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(categoryName, inner.CreateLogger(categoryName));

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped) scoped.SetScopeProvider(new RedactingScopeProvider(scopeProvider));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposeInner) inner.Dispose();
    }

    private sealed class RedactingLogger(string category, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => LogRedaction.IsWritten(category, logLevel) && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = LogRedaction.Redact(formatter(state, exception)) ?? "";
            inner.Log(logLevel, eventId, RedactedState.Of(state, message),
                exception is null ? null : new RedactedException(exception), static (s, _) => s.Message);
        }
    }

    private sealed class RedactingScopeProvider(IExternalScopeProvider inner) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
            inner.ForEachScope((scope, s) => callback(scope is null ? null : RedactedState.Of(scope, LogRedaction.Redact(scope.ToString()) ?? ""), s), state);

        public IDisposable Push(object? state) => inner.Push(state);
    }
}

/// <summary>A log line's structured values with each value redacted; <see cref="ToString"/> is the redacted message.</summary>
internal sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message => message;

    /// <summary>
    /// The values of <paramref name="state"/>, each redacted as text; a value whose text the redacted
    /// <paramref name="message"/> no longer shows (a quoted value, say) is dropped too, so the two never disagree.
    /// </summary>
    public static RedactedState Of(object? state, string message)
    {
        var values = new List<KeyValuePair<string, object?>>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            foreach (var (key, value) in pairs)
                values.Add(new(key, key == "{OriginalFormat}" ? value : Value(value, message)));
        return new RedactedState(values, message);
    }

    // A value left alone by redaction keeps its type (a count stays a number in JSON logs).
    private static object? Value(object? value, string message)
    {
        if (value is null or bool or Enum) return value;
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var redacted = LogRedaction.Redact(text) ?? "";
        if (redacted.Length > 0 && !message.Contains(redacted, StringComparison.Ordinal)) return LogRedaction.Redacted;
        return value is string ? redacted : redacted == text ? value : redacted;
    }

    public KeyValuePair<string, object?> this[int index] => values[index];
    public int Count => values.Count;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => message;
}

/// <summary>Stands in for a logged exception: the same type name and stack, its text (messages of it and its inner exceptions) redacted.</summary>
public sealed class RedactedException : Exception
{
    private readonly string _text;

    /// <summary>Wraps <paramref name="original"/>; its <see cref="Exception.ToString"/> is redacted once, here.</summary>
    public RedactedException(Exception original)
        : base(LogRedaction.Redact(original.Message))
    {
        ArgumentNullException.ThrowIfNull(original);
        _text = LogRedaction.Redact(original.ToString()) ?? original.GetType().FullName!;
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        HResult = original.HResult;
    }

    /// <summary>Not for use: a redacted exception is made from an original.</summary>
    public RedactedException() : this(new InvalidOperationException()) { }

    /// <summary>Not for use: a redacted exception is made from an original.</summary>
    public RedactedException(string message) : this(new InvalidOperationException(message)) { }

    /// <summary>Not for use: a redacted exception is made from an original.</summary>
    public RedactedException(string message, Exception inner) : this(new InvalidOperationException(message, inner)) { }

    /// <summary>The full name of the original exception's type.</summary>
    public string OriginalType { get; } = "";

    /// <inheritdoc />
    public override string ToString() => _text;
}
