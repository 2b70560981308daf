using TrainingHub.Core.Common;

namespace TrainingHub.Core.People;

/// <summary>
/// The checks a person's fields pass wherever they come from (the form, the API, an import row): each returns the
/// normalised value, or adds a field error (a message key) and returns null.
/// </summary>
public static class PersonValidation
{
    public const int NameMax = 200;
    public const int EmailMax = 254;
    public const int JobTitleMax = 120;
    public const int RegistrationMax = 40;

    /// <summary>The 11 digits, or null with "Cpf.Required" / "Cpf.Invalid" (the value as typed is the argument).</summary>
    public static string? Cpf(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(input))
        {
            errors.Add(new(field, "Cpf.Required"));
            return null;
        }

        var cpf = Common.Cpf.Normalize(input);
        if (cpf is null || !Common.Cpf.IsValid(cpf))
        {
            errors.Add(new(field, "Cpf.Invalid", input.Trim()));
            return null;
        }

        return cpf;
    }

    public static string? FullName(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = input?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new(field, "Person.NameRequired"));
            return null;
        }

        if (name.Length > NameMax)
        {
            errors.Add(new(field, "Field.TooLong", NameMax));
            return null;
        }

        return SingleLine.Check(errors, field, name) ? name : null;
    }

    public static string? Email(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var email = input?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > EmailMax || !EmailAddress.IsValid(email))
        {
            errors.Add(new(field, "Email.Invalid"));
            return null;
        }

        return email;
    }

    /// <summary>A supported language code (any letter case); blank means pt-BR.</summary>
    public static string? Language(string? input, string field, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(input))
        {
            return Languages.Portuguese;
        }

        var code = Languages.All.FirstOrDefault(l => string.Equals(l, input.Trim(), StringComparison.OrdinalIgnoreCase));
        if (code is null)
        {
            errors.Add(new(field, "Language.Unsupported", input.Trim()));
        }

        return code;
    }

    /// <summary>An optional text: trimmed, null when blank, cut to <paramref name="max"/> characters.</summary>
    public static string? Optional(string? value, int max)
    {
        var t = value?.Trim();
        return string.IsNullOrEmpty(t) ? null : t.Length > max ? t[..max] : t;
    }
}
