namespace Waymark.Identifiers;

/// <summary>NHS number: ten digits with a Modulus 11 check digit (weights 10..2).</summary>
public static class NhsNumber
{
    public const string FhirSystem = "https://fhir.nhs.uk/Id/nhs-number";

    /// <summary>Strips the spaces and dashes people type ("943 476 5919") and returns the ten digits, or null.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 10 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static bool IsValid(string? input)
    {
        var digits = Normalise(input);
        if (digits is null) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * (10 - i);
        var check = 11 - (sum % 11);
        if (check == 11) check = 0;
        if (check == 10) return false; // such a number is never issued
        return check == digits[9] - '0';
    }

    /// <summary>
    /// Whether <paramref name="input"/> is a number people type when the real one is not known: ten of one digit
    /// ("999 999 9999", "000 000 0000", …) or the digits in a run ("012 345 6789", "987 654 3210"). Some of these pass
    /// the Modulus 11 check, which only proves the number is well formed, not that it was ever issued (NHS Data
    /// Dictionary, "NHS Number"). Such a number is refused where it is typed and never used for matching: in public bug
    /// reports of NHS software, "999 999 9999" typed for unknown numbers made unrelated people "the same person".
    /// </summary>
    public static bool IsPlaceholder(string? input)
    {
        var d = Normalise(input);
        if (d is null) return false;
        if (d.All(c => c == d[0])) return true;
        bool Run(int step)
        {
            for (var i = 1; i < d.Length; i++) if (d[i] - d[i - 1] != step) return false;
            return true;
        }
        return Run(1) || Run(-1);
    }

    /// <summary>What to tell someone who typed a placeholder.</summary>
    public const string PlaceholderMessage = "That is not a real NHS number (it is what is typed when the number is not known). Leave it empty if you do not know it";

    /// <summary>A valid NHS number (<see cref="IsValid"/>) that is not a placeholder (<see cref="IsPlaceholder"/>): one to match on.</summary>
    public static bool IsUsable(string? input) => IsValid(input) && !IsPlaceholder(input);

    /// <summary>Computes the check digit for nine digits, or null when the prefix can never be valid.</summary>
    public static int? CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9) return null;
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            if (!char.IsAsciiDigit(nineDigits[i])) return null;
            sum += (nineDigits[i] - '0') * (10 - i);
        }
        var check = 11 - (sum % 11);
        if (check == 11) check = 0;
        return check == 10 ? null : check;
    }

    public static string Format(string digits) =>
        digits.Length == 10 ? $"{digits[..3]} {digits[3..6]} {digits[6..]}" : digits;
}
