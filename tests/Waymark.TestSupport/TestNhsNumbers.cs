namespace Waymark.TestSupport;

/// <summary>
/// Valid NHS numbers made here with the Modulus 11 rule (weights 10..2; 11 − remainder; 11 → 0;
/// 10 → never issued), written independently of <see cref="Waymark.Identifiers.NhsNumber"/>.
/// </summary>
public static class TestNhsNumbers
{
    private static long _next = 600_000_000;

    /// <summary>The check digit for nine digits, or null when the rule gives 10 (no valid number).</summary>
    public static int? CheckDigitFor(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (nineDigits[i] - '0') * (10 - i);
        var check = 11 - (sum % 11);
        return check switch { 11 => 0, 10 => null, _ => check };
    }

    /// <summary>A valid number not handed out before in this test run.</summary>
    public static string Next()
    {
        while (true)
        {
            var prefix = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (CheckDigitFor(prefix) is { } check) return prefix + check;
        }
    }
}
