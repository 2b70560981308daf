namespace TrainingHub.Core.Common;

/// <summary>The Brazilian company number (CNPJ): shown as 00.000.000/0000-00 wherever a person reads it.</summary>
public static class Cnpj
{
    /// <summary>Fourteen digits, punctuated or not, come out as 00.000.000/0000-00; anything else is returned trimmed, as given.</summary>
    public static string Format(string cnpj)
    {
        ArgumentNullException.ThrowIfNull(cnpj);
        var digits = new string(cnpj.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 14 && cnpj.All(c => char.IsAsciiDigit(c) || c is '.' or '/' or '-' or ' ')
            ? $"{digits[..2]}.{digits[2..5]}.{digits[5..8]}/{digits[8..12]}-{digits[12..]}"
            : cnpj.Trim();
    }
}
