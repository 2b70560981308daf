using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

/// <summary>
/// What the privacy page tells a person about their own records (LGPD art. 9 and 18): which organisation holds them, how
/// many of each kind there are, and until when they stay identifiable (the retention rule of <see cref="GetRetention"/>).
/// </summary>
public sealed record MyPrivacy(string Organization, int Enrolments, int AttendanceRows, int Certificates, int Messages,
    bool ReceivesOptionalEmails, DateOnly LastActivity, DateOnly RetainedUntil, int RetentionYears);

/// <summary>The signed-in person's own privacy summary, selected by the person id of their account, never by a parameter.</summary>
public static class GetMyPrivacy
{
    public static async Task<Result<MyPrivacy>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, PrivacySettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(settings);
        if (scope.PersonId is not { } id)
        {
            return Error.NotFound("PersonId", "MyData.NoPerson");
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { Organization = p.Organization!.Name, p.CreatedAt, p.ReceivesOptionalEmails })
            .SingleAsync(ct);
        var last = await GetRetention.LastActivityAsync(db, id, person.CreatedAt, ct);
        return Result<MyPrivacy>.Ok(new MyPrivacy(person.Organization,
            await db.Enrolments.CountAsync(e => e.PersonId == id, ct),
            await db.AttendanceRecords.CountAsync(a => a.PersonId == id, ct),
            await db.Certificates.CountAsync(c => c.PersonId == id, ct),
            await db.OutboxMessages.CountAsync(m => m.RecipientPersonId == id, ct),
            person.ReceivesOptionalEmails, last, last.AddYears(settings.RetentionYears), settings.RetentionYears));
    }
}
