using TrainingHub.Core.Common;

namespace TrainingHub.Core.Organizations;

/// <summary>
/// The checks an organisation's fields pass wherever they come from (the forms, the API, an import): each returns the
/// normalised value (null when blank), or adds a field error and returns null.
/// </summary>
public static class OrganizationInput
{
    public const int NameMax = 200;

    public static string? Name(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = input?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > NameMax)
        {
            errors.Add(new(field, "Organization.NameRequired"));
            return null;
        }

        return SingleLine.Check(errors, field, name) ? name : null;
    }

    /// <summary>The municipality's 7-digit IBGE code.</summary>
    public static string? Ibge(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var ibge = string.IsNullOrWhiteSpace(input) ? null : input.Trim();
        if (ibge is not null && (ibge.Length != 7 || !ibge.All(char.IsAsciiDigit)))
        {
            errors.Add(new(field, "Organization.IbgeInvalid", ibge));
            return null;
        }

        return ibge;
    }

    /// <summary>The two letters of a Brazilian state (UF), upper case.</summary>
    public static string? State(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var state = string.IsNullOrWhiteSpace(input) ? null : input.Trim().ToUpperInvariant();
        if (state is not null && (state.Length != 2 || !state.All(char.IsAsciiLetter)))
        {
            errors.Add(new(field, "Organization.StateInvalid", state));
            return null;
        }

        return state;
    }

    /// <summary>The 14 digits of a CNPJ (punctuation optional), its two check digits verified.</summary>
    public static string? Cnpj(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = new string(input.Where(c => c is not ('.' or '/' or '-' or ' ')).ToArray());
        if (digits.Length != 14 || !digits.All(char.IsAsciiDigit) || digits.All(c => c == digits[0])
            || CnpjDigit(digits, 12) != digits[12] - '0' || CnpjDigit(digits, 13) != digits[13] - '0')
        {
            errors.Add(new(field, "Organization.CnpjInvalid", input.Trim()));
            return null;
        }

        return digits;
    }

    private static int CnpjDigit(string digits, int position)
    {
        // Weights 2..9 from the right, repeating.
        var sum = 0;
        for (var i = 0; i < position; i++)
        {
            sum += (digits[position - 1 - i] - '0') * ((i % 8) + 2);
        }

        var remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }
}
