using System.Globalization;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// A job's schedule as the jobs page says it, in the reader's language: "a cada 30 segundos", "todos os dias às 08:00",
/// "dias úteis (segunda a sexta) às 08:00", "no dia 1 de cada mês às 07:00" (São Paulo time, as the crons are). The
/// shapes the schedule uses are put in words; any other cron is shown as it is, named as a cron expression.
/// </summary>
public static class JobScheduleText
{
    public static string Describe(string? cron, double? everySeconds, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (everySeconds is { } every)
        {
            return every % 1 == 0 && every is >= 1 and <= int.MaxValue
                ? Every((int)every, t)
                : t["Outbox.Schedule.EverySeconds", every.ToString("0.###", CultureInfo.CurrentCulture)].Value;
        }

        if (string.IsNullOrWhiteSpace(cron))
        {
            return "—";
        }

        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Words(f, t) ?? t["Outbox.Schedule.Cron", cron.Trim()].Value;
    }

    private static string? Words(string[] f, IStringLocalizer t)
    {
        if (f.Length == 6)
        {
            return f[1..].All(Any) && Step(f[0]) is { } seconds ? Every(seconds, t) : null;
        }

        if (f.Length != 5)
        {
            return null;
        }

        var (minute, hour, day, month, weekday) = (f[0], f[1], f[2], f[3], f[4]);
        if (!Any(day) || !Any(month) || !Any(weekday))
        {
            return Number(minute) is { } m && Number(hour) is { } h ? OnDays(day, month, weekday, $"{h:00}:{m:00}", t) : null;
        }

        return (minute, hour) switch
        {
            _ when Any(minute) && Any(hour) => Every(60, t),
            _ when Step(minute) is { } n && Any(hour) => Every(n * 60, t),
            _ when Number(minute) is 0 && Any(hour) => Every(3600, t),
            _ when Number(minute) is { } m && Any(hour) => t["Outbox.Schedule.HourlyAt", m].Value,
            _ when Number(minute) is 0 && Step(hour) is { } n => Every(n * 3600, t),
            _ when Number(minute) is { } m && Number(hour) is { } h => t["Outbox.Schedule.Daily", $"{h:00}:{m:00}"].Value,
            _ => null,
        };
    }

    private static string? OnDays(string day, string month, string weekday, string time, IStringLocalizer t) => (day, month, weekday) switch
    {
        _ when Any(day) && Any(month) && weekday is "MON-FRI" or "1-5" => t["Outbox.Schedule.WorkingDays", time].Value,
        _ when Number(day) is { } d && Any(month) && Any(weekday) => t["Outbox.Schedule.Monthly", time, d].Value,
        _ when Number(day) is { } d && Number(month) is { } m && Any(weekday) => t["Outbox.Schedule.Yearly", time, $"{d:00}/{m:00}"].Value,
        _ => null,
    };

    /// <summary>"a cada 30 segundos", "a cada minuto", "a cada 5 minutos", "a cada hora", "a cada 6 horas".</summary>
    private static string Every(int seconds, IStringLocalizer t) => seconds switch
    {
        _ when seconds % 3600 == 0 => t.Count("Outbox.Schedule.EveryHours", seconds / 3600).Value,
        _ when seconds % 60 == 0 => t.Count("Outbox.Schedule.EveryMinutes", seconds / 60).Value,
        _ => t.Count("Outbox.Schedule.EverySeconds", seconds).Value,
    };

    private static bool Any(string field) => field == "*";

    private static int? Number(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? Step(string field) => field.StartsWith("*/", StringComparison.Ordinal) && Number(field[2..]) is { } n and > 0 ? n : null;
}
