using System.Globalization;
using System.Text;

namespace TrainingHub.Seeding;

/// <summary>Check-digit arithmetic for the Brazilian identifiers the seeders make up (IBGE municipality codes, CNPJ).</summary>
internal static class DemoIdentifiers
{
    /// <summary>Completes six IBGE digits (UF + municipality) with the IBGE check digit (weights 1,2,1,2,1,2; digit sums; mod 10).</summary>
    public static string IbgeCode(int sixDigits)
    {
        var digits = sixDigits.ToString("D6", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            var product = (digits[i] - '0') * (i % 2 == 0 ? 1 : 2);
            sum += product / 10 + product % 10;
        }

        return digits + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Completes eight base digits with branch "0001" and the two CNPJ check digits.</summary>
    public static string Cnpj(int eightDigits)
    {
        var twelve = eightDigits.ToString("D8", CultureInfo.InvariantCulture) + "0001";
        var thirteen = twelve + CnpjDigit(twelve);
        return thirteen + CnpjDigit(thirteen);
    }

    private static char CnpjDigit(string digits)
    {
        var sum = 0;
        var weight = digits.Length - 7; // 5 for the first digit, 6 for the second
        foreach (var c in digits)
        {
            sum += (c - '0') * weight;
            weight = weight == 2 ? 9 : weight - 1;
        }

        var remainder = sum % 11;
        return (char)('0' + (remainder < 2 ? 0 : 11 - remainder));
    }

    /// <summary>"São João del-Rei" → "sao-joao-del-rei": lower-case ASCII for e-mail addresses and codes.</summary>
    public static string Slug(string text, char separator = '-')
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != separator)
            {
                builder.Append(separator);
            }
        }

        return builder.ToString().Trim(separator);
    }
}
