namespace TrainingHub.Core.Common;

/// <summary>
/// Fields that hold one line (titles, names, codes, places): a line break, tab or other control character in them is
/// refused at every entry point ("Field.ControlCharacters" on the field), since such a value ends up in mail headers,
/// PDF lines and CSV cells.
/// </summary>
public static class SingleLine
{
    public const string Code = "Field.ControlCharacters";

    public static bool HasControl(string? value) => value is not null && value.Any(char.IsControl);

    /// <summary>Adds the field error when the value holds a control character; true when it is clean.</summary>
    public static bool Check(ICollection<FieldError> errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!HasControl(value))
        {
            return true;
        }

        errors.Add(new(field, Code));
        return false;
    }
}
