using System.Globalization;

namespace TrainingHub.Core.Common;

/// <summary>
/// Credited minutes as hours for people to read, one form per language, used by screens, documents and reports alike:
/// Portuguese "7 h 30", "1.250 h"; English "7h 30m", "1,250h". Files for machines (CSV, XLSX) write decimal numbers instead.
/// </summary>
public static class Hours
{
    /// <summary>In the current culture's language (a request's, or the one a document or email is written in).</summary>
    public static string Format(long minutes) => Format(minutes, CultureInfo.CurrentCulture);

    public static string Format(long minutes, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var sign = minutes < 0 ? "-" : "";
        var whole = Math.Abs(minutes);
        var h = (whole / 60).ToString("N0", culture);
        var m = whole % 60;
        if (culture.TwoLetterISOLanguageName == "en")
        {
            return (h: whole / 60, m) switch
            {
                (_, 0) => $"{sign}{h}h",
                (0, _) => string.Create(CultureInfo.InvariantCulture, $"{sign}{m}m"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{sign}{h}h {m}m"),
            };
        }

        return m == 0 ? $"{sign}{h} h" : string.Create(CultureInfo.InvariantCulture, $"{sign}{h} h {m:00}");
    }
}
