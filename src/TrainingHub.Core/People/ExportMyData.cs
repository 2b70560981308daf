using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

public sealed record MyDataPerson(int Id, string Cpf, string FullName, string Email, string Organization, string? JobTitle, string? RegistrationNumber,
    string PreferredLanguage, bool ReceivesOptionalEmails, int? ManagerId, DateTime CreatedAt, DateTime? AnonymizedAt);

public sealed record MyDataEnrolment(int Id, string OfferingCode, string OfferingTitle, string Status, DateTime RequestedAt, DateTime? ConfirmedAt, DateTime? CompletedAt, string? OutcomeReason);

public sealed record MyDataAttendance(long Id, DateTime SessionStartsAt, string OfferingCode, string SessionTitle, string Status, int? Minutes, int CreditedMinutes);

public sealed record MyDataCertificate(int Id, string Kind, string VerificationCode, string Status, DateTime IssuedAt, DateTime? RevokedAt, string? RevocationReason);

public sealed record MyDataMessage(long Id, string MessageType, string ToAddress, string Status, DateTime CreatedAt, DateTime? SentAt, string PayloadJson);

public sealed record MyDataAuditEntry(long? Sequence, DateTime OccurredAt, string ActorName, string Action, string EntityType, string EntityId, string? BeforeJson, string? AfterJson, string? Reason);

/// <summary>Everything held about one person (LGPD art. 18): what the download gives them.</summary>
public sealed record MyData(DateTime ProducedAt, MyDataPerson Person, IReadOnlyList<MyDataEnrolment> Enrolments, IReadOnlyList<MyDataAttendance> Attendance,
    int CreditedMinutes, IReadOnlyList<MyDataCertificate> Certificates, IReadOnlyList<MyDataMessage> Messages, IReadOnlyList<MyDataAuditEntry> AuditEntries);

/// <summary>
/// The signed-in person's own records, and nobody else's: everything is selected by the person id of the reader's
/// account (never by a parameter), including audit entries about their person, enrolments and attendance rows.
/// </summary>
public static class ExportMyData
{
    public static async Task<Result<MyData>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.PersonId is not { } id)
        {
            return Error.NotFound("PersonId", "MyData.NoPerson");
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new MyDataPerson(p.Id, p.Cpf, p.FullName, p.Email, p.Organization!.Name, p.JobTitle, p.RegistrationNumber, p.PreferredLanguage,
                p.ReceivesOptionalEmails, p.ManagerId, p.CreatedAt, p.AnonymizedAt))
            .SingleAsync(ct);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.PersonId == id).OrderBy(e => e.RequestedAt)
            .Select(e => new MyDataEnrolment(e.Id, e.Offering!.Code, e.Offering.Title, e.Status.ToString(), e.RequestedAt, e.ConfirmedAt, e.CompletedAt, e.OutcomeReason))
            .ToListAsync(ct);
        var credited = await CreditedAttendance.Query(db).Where(c => c.PersonId == id)
            .Select(c => new { c.SessionId, c.CreditedMinutes }).ToDictionaryAsync(c => c.SessionId, c => c.CreditedMinutes, ct);
        var attendance = (await db.AttendanceRecords.AsNoTracking().Where(a => a.PersonId == id).OrderBy(a => a.Session!.StartsAt)
            .Select(a => new { a.Id, a.SessionId, a.Session!.StartsAt, a.Session.Offering!.Code, a.Session.Title, a.Status, a.Minutes })
            .ToListAsync(ct))
            .Select(a => new MyDataAttendance(a.Id, a.StartsAt, a.Code, a.Title, a.Status.ToString(), a.Minutes, credited.GetValueOrDefault(a.SessionId)))
            .ToList();
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.PersonId == id).OrderBy(c => c.IssuedAt)
            .Select(c => new MyDataCertificate(c.Id, c.Kind.ToString(), c.VerificationCode, c.Status.ToString(), c.IssuedAt, c.RevokedAt, c.RevocationReason))
            .ToListAsync(ct);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.RecipientPersonId == id).OrderBy(m => m.CreatedAt)
            .Select(m => new MyDataMessage(m.Id, m.MessageType, m.ToAddress, m.Status.ToString(), m.CreatedAt, m.SentAt, m.PayloadJson))
            .ToListAsync(ct);

        var personKey = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var enrolmentKeys = enrolments.Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var attendanceKeys = attendance.Select(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(e => (e.EntityType == nameof(Person) && e.EntityId == personKey)
                || (e.EntityType == nameof(Enrolment.Enrolment) && enrolmentKeys.Contains(e.EntityId))
                || (e.EntityType == nameof(AttendanceRecord) && attendanceKeys.Contains(e.EntityId)))
            .OrderBy(e => e.Id)
            .Select(e => new MyDataAuditEntry(e.Sequence, e.OccurredAt, e.ActorName, e.Action, e.EntityType, e.EntityId, e.BeforeJson, e.AfterJson, e.Reason))
            .ToListAsync(ct);
        return Result<MyData>.Ok(new MyData(time.GetUtcNow().UtcDateTime, person, enrolments, attendance, attendance.Sum(a => a.CreditedMinutes), certificates, messages, audit));
    }
}
