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
