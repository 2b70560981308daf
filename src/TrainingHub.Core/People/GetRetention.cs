using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

/// <summary>Whether a person's records are still under legal retention, and until when (São Paulo dates).</summary>
public sealed record RetentionStatus(int PersonId, string FullName, DateTime? AnonymizedAt, DateOnly LastActivity, DateOnly RetainedUntil, bool CanAnonymize);

/// <summary>
/// The retention rule: a person's records are retained for <see cref="PrivacySettings.RetentionYears"/> years after
/// their last activity, the latest of: their registration, a session they have an attendance row for, an enrolment
/// request, confirmation, decision or completion, and a certificate or transcript issued to them. They may be
/// anonymised from the day after <c>RetainedUntil</c>. Administrators whose scope holds the person.
/// </summary>
public static class GetRetention
{
    public static async Task<Result<RetentionStatus>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, PrivacySettings settings,
        int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settings);
        var person = scope.IsAdministrator
            ? await db.People.InScope(scope).AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.FullName, p.CreatedAt, p.AnonymizedAt }).FirstOrDefaultAsync(ct)
            : null;
        if (person is null)
        {
            return Error.NotFound("PersonId", "Person.NotFound");
        }

        var lastDay = await LastActivityAsync(db, personId, person.CreatedAt, ct);
        var until = lastDay.AddYears(settings.RetentionYears);
        var today = SaoPaulo.Today(time);
        return Result<RetentionStatus>.Ok(new RetentionStatus(personId, person.FullName, person.AnonymizedAt, lastDay, until,
            person.AnonymizedAt is null && today > until));
    }

    /// <summary>The São Paulo day of a person's last activity (the rule in this class's summary).</summary>
    internal static async Task<DateOnly> LastActivityAsync(TrainingHubDbContext db, int personId, DateTime createdAt, CancellationToken ct)
    {
        var last = new[]
        {
            createdAt,
            await db.AttendanceRecords.Where(a => a.PersonId == personId).MaxAsync(a => (DateTime?)a.Session!.StartsAt, ct) ?? DateTime.MinValue,
            await db.Enrolments.Where(e => e.PersonId == personId).MaxAsync(e => (DateTime?)e.RequestedAt, ct) ?? DateTime.MinValue,
            await db.Enrolments.Where(e => e.PersonId == personId).MaxAsync(e => e.ConfirmedAt, ct) ?? DateTime.MinValue,
            await db.Enrolments.Where(e => e.PersonId == personId).MaxAsync(e => e.DecidedAt, ct) ?? DateTime.MinValue,
            await db.Enrolments.Where(e => e.PersonId == personId).MaxAsync(e => e.CompletedAt, ct) ?? DateTime.MinValue,
            await db.Certificates.Where(c => c.PersonId == personId).MaxAsync(c => (DateTime?)c.IssuedAt, ct) ?? DateTime.MinValue,
        }.Max();
        return DateOnly.FromDateTime(SaoPaulo.ToLocal(DateTime.SpecifyKind(last, DateTimeKind.Utc)));
    }
}
