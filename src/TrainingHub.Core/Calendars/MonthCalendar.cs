using System.Globalization;

namespace TrainingHub.Core.Calendars;

/// <summary>The weeks of a month as a grid (São Paulo dates), from the first day of the week that holds its 1st to the last day of the week that holds its last.</summary>
public static class MonthCalendar
{
    public static IReadOnlyList<IReadOnlyList<DateOnly>> Weeks(int year, int month, DayOfWeek firstDayOfWeek)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var start = first.AddDays(-(((int)first.DayOfWeek - (int)firstDayOfWeek + 7) % 7));
        var weeks = new List<IReadOnlyList<DateOnly>>();
        for (var day = start; day <= last; day = day.AddDays(7))
        {
            weeks.Add([.. Enumerable.Range(0, 7).Select(day.AddDays)]);
        }

        return weeks;
    }

    /// <summary>The month named by "yyyy-MM" (between 2000 and 2100), or null.</summary>
    public static DateOnly? Parse(string? month) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100 ? d : null;

    public static string Format(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
