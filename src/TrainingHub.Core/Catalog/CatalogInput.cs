using System.Globalization;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Catalog;

/// <summary>How the catalogue's forms and API read what people type: hours as "48", "7,5" or "7.5"; local São Paulo times.</summary>
public static class CatalogInput
{
    /// <summary>Hours typed by a person, as whole minutes; null when the text is not a number of hours (at most two decimals' worth of minutes).</summary>
    public static int? ParseHours(string? text)
    {
        var t = text?.Trim().Replace(" ", "", StringComparison.Ordinal).TrimEnd('h', 'H');
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        t = t.Replace(',', '.');
        if (t.Count(c => c == '.') > 1
            || !decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours)
            || hours > 100_000m)
        {
            return null;
        }

        var minutes = hours * 60m;
        return minutes == decimal.Truncate(minutes) ? (int)minutes : (int)Math.Round(minutes, MidpointRounding.AwayFromZero);
    }

    /// <summary>Minutes as the hours a form shows back ("7,5" in Portuguese, "7.5" in English).</summary>
    public static string FormatHours(int? minutes) =>
        minutes is { } m ? (m / 60m).ToString("0.##", CultureInfo.CurrentCulture) : "";

    /// <summary>
    /// An instant entered by a person: a value marked UTC (an API client sending "…Z") is kept; any other is read
    /// as America/Sao_Paulo wall-clock time.
    /// </summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => SaoPaulo.ToUtc(value),
    };

    public static string? Clean(string? value, int max)
    {
        var t = value?.Trim();
        return string.IsNullOrEmpty(t) ? null : t.Length > max ? t[..max] : t;
    }

    /// <summary>Checks a required one-line text: adds <paramref name="requiredCode"/>, "Field.TooLong" or "Field.ControlCharacters" on the field.</summary>
    public static string? Required(List<FieldError> errors, string field, string? value, int max, string requiredCode)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = value?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            errors.Add(new(field, requiredCode));
            return null;
        }

        if (t.Length > max)
        {
            errors.Add(new(field, "Field.TooLong", max));
            return null;
        }

        return SingleLine.Check(errors, field, t) ? t : null;
    }

    /// <summary>Checks an optional text: one line ("Field.ControlCharacters") unless <paramref name="multiline"/> (a description).</summary>
    public static string? Optional(List<FieldError> errors, string field, string? value, int max, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = value?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (t.Length > max)
        {
            errors.Add(new(field, "Field.TooLong", max));
            return null;
        }

        return multiline || SingleLine.Check(errors, field, t) ? t : null;
    }

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}

/// <summary>Enum names in the API ("CityHall"), for the lists of enums a request carries; numbers are read as well.</summary>
public sealed class EnumNamesConverter<T> : System.Text.Json.Serialization.JsonConverter<IReadOnlyList<T>>
    where T : struct, Enum
{
    private static readonly System.Text.Json.Serialization.JsonStringEnumConverter<T> Names = new();

    public override IReadOnlyList<T>? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        var element = (System.Text.Json.Serialization.JsonConverter<T>)Names.CreateConverter(typeof(T), options)!;
        if (reader.TokenType == System.Text.Json.JsonTokenType.Null)
        {
            return null;
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != System.Text.Json.JsonTokenType.EndArray)
        {
            list.Add(element.Read(ref reader, typeof(T), options));
        }

        return list;
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<T> value, System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var v in value)
        {
            writer.WriteStringValue(v.ToString());
        }

        writer.WriteEndArray();
    }
}
