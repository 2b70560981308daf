using System.Globalization;

namespace TrainingHub.Web.Infrastructure;

public static class Hours
{
    /// <summary>Minutes as hours for people, with the reader's digit grouping: "1.250 h", "7 h 30".</summary>
    public static string Format(int minutes)
    {
        var h = (minutes / 60).ToString("N0", CultureInfo.CurrentCulture);
        var m = minutes % 60;
        return m == 0 ? $"{h} h" : string.Create(CultureInfo.InvariantCulture, $"{h} h {m:00}");
    }
}
