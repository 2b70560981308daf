using System.Globalization;
using System.Text;

namespace TrainingHub.Core.Common;

/// <summary>
/// A name folded for sorting and searching: lower case, accents removed ("Conceição Álvares" → "conceicao alvares").
/// Stored beside names so that every database sorts and searches Portuguese names the same way, with an index.
/// </summary>
public static class NameKey
{
    public const int MaxLength = 200;

    public static string For(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        var key = sb.ToString().Normalize(NormalizationForm.FormC);
        return key.Length > MaxLength ? key[..MaxLength] : key;
    }
}
