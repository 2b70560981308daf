using System.Security.Cryptography;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Verification codes: 100 bits from the operating system's CSPRNG written as 20 Crockford base-32 characters (digits
/// and letters without I, L, O and U) in five groups of four: <c>7KQ2-M9XD-4TRB-Z0HC-PW3F</c>. Input is forgiving:
/// case, spaces and dashes are ignored, and the letters people confuse with digits (I, L → 1; O → 0) are read as those.
/// </summary>
public static class VerificationCodes
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Characters = 20;
    public const int Bits = Characters * 5;

    public static string New()
    {
        Span<byte> random = stackalloc byte[Characters];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[Characters + (Characters / 4) - 1];
        var n = 0;
        for (var i = 0; i < Characters; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                chars[n++] = '-';
            }

            // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
            chars[n++] = Alphabet[random[i] & 31];
        }

        return new string(chars);
    }

    /// <summary>The canonical form (groups of four with dashes), or null when the input cannot be a code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 64)
        {
            return null;
        }

        Span<char> chars = stackalloc char[Characters];
        var count = 0;
        foreach (var raw in input)
        {
            if (raw is '-' or ' ' or '.' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\t')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0 || count == Characters)
            {
                return null;
            }

            chars[count++] = c;
        }

        if (count != Characters)
        {
            return null;
        }

        return string.Create(Characters + (Characters / 4) - 1, chars.ToString(), static (span, s) =>
        {
            var n = 0;
            for (var i = 0; i < s.Length; i++)
            {
                if (i > 0 && i % 4 == 0)
                {
                    span[n++] = '-';
                }

                span[n++] = s[i];
            }
        });
    }
}
