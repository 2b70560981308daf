namespace TrainingHub.Core.Common;

/// <summary>The Brazilian individual taxpayer number: 11 digits, the last two are mod-11 check digits.</summary>
public static class Cpf
{
    /// <summary>
    /// The one reading of a CPF, for every entry point (forms, API, imports, search): 11 digits, with or without '.' and
    /// '-', with any whitespace (spaces, tabs, non-breaking spaces) around or between them. A bare number of 9 or 10
    /// digits is one that lost its leading zeros (a spreadsheet cell, a JSON number) and gets them back; the check
    /// digits then still have to match. Null when that does not give 11 digits.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        Span<char> digits = stackalloc char[11];
        var count = 0;
        var punctuated = false;
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')
            {
                continue;
            }

            if (c is '.' or '-')
            {
                punctuated = true;
                continue;
            }

            if (c is < '0' or > '9' || count == 11)
            {
                return null;
            }

            digits[count++] = c;
        }

        if (count is 9 or 10 && !punctuated)
        {
            return new string('0', 11 - count) + new string(digits[..count]);
        }

        return count == 11 ? new string(digits) : null;
    }

    public static bool IsValid(string? input)
    {
        var cpf = Normalize(input);
        if (cpf is null)
        {
            return false;
        }

        // Eleven equal digits pass the arithmetic but are not issued.
        if (cpf.All(c => c == cpf[0]))
        {
            return false;
        }

        return CheckDigit(cpf, 9) == cpf[9] - '0' && CheckDigit(cpf, 10) == cpf[10] - '0';
    }

    /// <summary>Computes the check digit at <paramref name="position"/> (9 or 10) from the digits before it.</summary>
    public static int CheckDigit(string digits, int position)
    {
        var sum = 0;
        for (var i = 0; i < position; i++)
        {
            sum += (digits[i] - '0') * (position + 1 - i);
        }

        var remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    /// <summary>Completes nine base digits with their two check digits.</summary>
    public static string FromBase(string nineDigits)
    {
        if (nineDigits.Length != 9 || !nineDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Nine digits expected.", nameof(nineDigits));
        }

        var withFirst = nineDigits + CheckDigit(nineDigits, 9);
        return withFirst + CheckDigit(withFirst, 10);
    }

    /// <summary>Formatted when <paramref name="full"/> and a real CPF, masked otherwise (an anonymised person's placeholder is never a CPF).</summary>
    public static string ForReport(string cpf, bool full) => full && Normalize(cpf) is not null ? Format(cpf) : Mask(cpf);

    /// <summary>123.456.789-09</summary>
    public static string Format(string cpf)
    {
        var n = Normalize(cpf) ?? throw new ArgumentException("Invalid CPF.", nameof(cpf));
        return $"{n[..3]}.{n[3..6]}.{n[6..9]}-{n[9..]}";
    }

    /// <summary>***.456.789-** : the form reports show to readers not allowed to see the full number.</summary>
    public static string Mask(string cpf)
    {
        var n = Normalize(cpf);
        return n is null ? "***.***.***-**" : $"***.{n[3..6]}.{n[6..9]}-**";
    }
}
