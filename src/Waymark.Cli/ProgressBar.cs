using System.Diagnostics;
using System.Globalization;

namespace Waymark.Cli;

/// <summary>
/// Progress on stderr: percentage, rate and ETA. On a terminal one line redrawn with \r (at most
/// four times a second); otherwise (a log file, CI) a plain line every 10% or 15 seconds.
/// </summary>
public sealed class ProgressBar(TextWriter writer, bool interactive, long total, string unit)
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastDraw = TimeSpan.MinValue;
    private int _lastDecile = -1;
    private int _lastLength;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Report(long done, long rows)
    {
        var now = _clock.Elapsed;
        var finished = done >= total;
        if (interactive)
        {
            if (!finished && now - _lastDraw < TimeSpan.FromMilliseconds(250)) return;
            var line = Line(done, rows, now, bar: true);
            var pad = Math.Max(0, _lastLength - line.Length);
            writer.Write("\r" + line + new string(' ', pad));
            _lastLength = line.Length;
            if (finished) writer.WriteLine();
            writer.Flush();
        }
        else
        {
            var decile = total == 0 ? 10 : (int)(done * 10 / total);
            if (decile == _lastDecile && now - _lastDraw < TimeSpan.FromSeconds(15) && !finished) return;
            if (finished && _lastDecile == 10) return;
            _lastDecile = decile;
            writer.WriteLine(Line(done, rows, now, bar: false));
            writer.Flush();
        }
        _lastDraw = now;
    }

    /// <summary>A line of its own after the bar.</summary>
    public void Note(string text)
    {
        writer.WriteLine(text);
        writer.Flush();
    }

    private string Line(long done, long rows, TimeSpan elapsed, bool bar)
    {
        var ic = CultureInfo.InvariantCulture;
        var fraction = total == 0 ? 1.0 : Math.Clamp((double)done / total, 0, 1);
        var secs = Math.Max(elapsed.TotalSeconds, 0.001);
        var rate = done / secs;
        var rowRate = rows / secs;
        var eta = done >= total ? "done" : rate > 0 ? "ETA " + Format(TimeSpan.FromSeconds((total - done) / rate)) : "ETA --:--";
        var filled = (int)Math.Round(fraction * Width);
        var prefix = bar ? "[" + new string('#', filled) + new string('-', Width - filled) + "] " : "";
        return string.Format(ic, "{0}{1,5:0.0}%  {2:N0}/{3:N0} {4}  {5:N0} {4}/s  {6:N0} rows/s  {7}  ({8})",
            prefix, fraction * 100, done, total, unit, rate, rowRate, eta, Format(elapsed));
    }

    public static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
