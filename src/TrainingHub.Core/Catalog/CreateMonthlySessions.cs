using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

public enum MonthlyRule
{
    /// <summary>The same day of the month as the first date (the last day in shorter months).</summary>
    SameDay,

    /// <summary>The same weekday in the same week as the first date: "the second Tuesday".</summary>
    SameWeekday,
}

/// <summary>
/// One session a month for <see cref="Months"/> months from <see cref="FirstDate"/>, at <see cref="StartTime"/>
/// ("19:00", São Paulo time), lasting <see cref="DurationHours"/> and crediting <see cref="CreditedHours"/> (default: the duration).
/// </summary>
public sealed record MonthlySessionsRequest(
    DateOnly? FirstDate, string? StartTime, string? DurationHours, string? CreditedHours, [property: JsonConverter(typeof(JsonStringEnumConverter))] MonthlyRule? Rule, int? Months, string? Title, string? StreamUrl,
    bool? ExtendPeriod = null);

/// <summary>How many sessions were created and the series' period after them; <see cref="PeriodChanged"/> when it had to grow.</summary>
public sealed record MonthlySessionsOutcome(int Created, DateOnly StartsOn, DateOnly EndsOn, bool PeriodChanged);

/// <summary>
/// Creates the monthly sessions of a webinar series at once. When the dates fall outside the series' period, nothing
/// is created unless the request says to extend the period (<see cref="MonthlySessionsRequest.ExtendPeriod"/>): the
/// refusal names the period the dates need, and the outcome says when the period moved. The new period must still lie
/// within the programme's. A month that already has a session at that very time is skipped, so posting twice creates
/// nothing twice.
/// </summary>
public static class CreateMonthlySessions
{
    public static async Task<Result<MonthlySessionsOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int seriesId, MonthlySessionsRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        var series = await db.WebinarSeries.InScope(scope).SingleOrDefaultAsync(w => w.Id == seriesId, ct);
        if (series is null)
        {
            return Error.NotFound("", OfferingFields.NotFound);
        }

        var errors = new List<FieldError>();
        if (series.Status == OfferingStatus.Cancelled)
        {
            errors.Add(new("", "Offering.IsCancelled"));
        }

        if (r.FirstDate is null)
        {
            errors.Add(new(nameof(r.FirstDate), "Offering.SeriesFirstDateRequired"));
        }

        if (!TimeOnly.TryParseExact(r.StartTime?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var startTime))
        {
            errors.Add(new(nameof(r.StartTime), "Offering.SeriesTimeInvalid"));
        }

        var duration = CatalogInput.ParseHours(r.DurationHours);
        if (duration is not > 0 || duration > 24 * 60)
        {
            errors.Add(new(nameof(r.DurationHours), "Catalog.HoursInvalid", r.DurationHours ?? ""));
        }

        int? credited = null;
        if (!string.IsNullOrWhiteSpace(r.CreditedHours))
        {
            credited = CatalogInput.ParseHours(r.CreditedHours);
            if (credited is not > 0)
            {
                errors.Add(new(nameof(r.CreditedHours), "Catalog.HoursInvalid", r.CreditedHours));
            }
        }

        if (r.Months is not (>= 1 and <= 36))
        {
            errors.Add(new(nameof(r.Months), "Offering.SeriesMonthsRange", 36));
        }

        if (r.Rule is { } rule && !Enum.IsDefined(rule))
        {
            errors.Add(new(nameof(r.Rule), "Offering.SeriesRuleInvalid"));
        }

        var title = CatalogInput.Optional(errors, nameof(r.Title), r.Title, 180) ?? series.Title;
        var stream = CatalogInput.Optional(errors, nameof(r.StreamUrl), r.StreamUrl, 500) ?? series.ChannelUrl;
        if (stream is not null && !CatalogInput.IsHttpUrl(stream))
        {
            errors.Add(new(nameof(r.StreamUrl), "Catalog.UrlInvalid"));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var days = Dates(r.FirstDate!.Value, r.Rule ?? MonthlyRule.SameDay, r.Months!.Value).ToList();
        var (startsOn, endsOn) = (days[0] < series.StartsOn ? days[0] : series.StartsOn, days[^1] > series.EndsOn ? days[^1] : series.EndsOn);
        var changed = startsOn != series.StartsOn || endsOn != series.EndsOn;
        if (changed && r.ExtendPeriod != true)
        {
            return Error.Validation(nameof(r.ExtendPeriod), "Offering.SeriesPeriodWouldMove",
                SaoPaulo.FormatDate(days[0]), SaoPaulo.FormatDate(days[^1]), SaoPaulo.FormatDate(series.StartsOn), SaoPaulo.FormatDate(series.EndsOn));
        }

        if (changed)
        {
            await CatalogPeriods.CheckOfferingAsync(db, null, series.ProgrammeId, startsOn, endsOn, errors, ct);
            if (errors.Count > 0)
            {
                return Error.Validation([.. errors.Select(e => e with { Field = nameof(r.Months) })]);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = (await db.Sessions.AsNoTracking().Where(s => s.OfferingId == seriesId).Select(s => s.StartsAt).ToListAsync(ct)).ToHashSet();
        var created = 0;
        var added = new List<Session>();
        foreach (var day in days)
        {
            var starts = SaoPaulo.ToUtc(day.ToDateTime(startTime));
            if (!existing.Add(starts))
            {
                continue;
            }

            added.Add(db.Sessions.Add(new Session
            {
                OfferingId = series.Id,
                Title = $"{title} · {day.ToString("MM/yyyy", CultureInfo.InvariantCulture)}",
                StartsAt = starts,
                EndsAt = starts.AddMinutes(duration!.Value),
                CreditedMinutes = credited ?? duration.Value,
                StreamUrl = stream,
            }).Entity);
            created++;
        }

        series.StartsOn = startsOn;
        series.EndsOn = endsOn;
        await db.SaveChangesAsync(ct);
        await Enrolment.SessionRegistrations.AddToWholeSeriesAsync(db, series.Id, [.. added.Select(s => s.Id)], time.GetUtcNow().UtcDateTime, ct);
        await tx.CommitAsync(ct);
        return Result<MonthlySessionsOutcome>.Ok(new MonthlySessionsOutcome(created, startsOn, endsOn, changed));
    }

    /// <summary>The local dates of the sessions, one per month from the first date.</summary>
    public static IEnumerable<DateOnly> Dates(DateOnly first, MonthlyRule rule, int months)
    {
        var week = (first.Day - 1) / 7; // 0 = first such weekday of the month
        for (var i = 0; i < months; i++)
        {
            var month = new DateOnly(first.Year, first.Month, 1).AddMonths(i);
            var length = DateTime.DaysInMonth(month.Year, month.Month);
            if (rule == MonthlyRule.SameDay)
            {
                yield return month.AddDays(Math.Min(first.Day, length) - 1);
                continue;
            }

            var offset = ((int)first.DayOfWeek - (int)month.DayOfWeek + 7) % 7;
            var day = 1 + offset + (week * 7);
            while (day > length)
            {
                day -= 7;
            }

            yield return month.AddDays(day - 1);
        }
    }
}
