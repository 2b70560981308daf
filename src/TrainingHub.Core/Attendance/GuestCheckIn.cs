using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Attendance;

/// <param name="SessionId">The session, when the link names it (the QR code does); without it the code is tried against every open event's open window.</param>
/// <param name="Address">The caller's network address, for the rate limit per address.</param>
/// <param name="Language">The page's language: a new person's preferred language.</param>
public sealed record GuestCheckInRequest(int? SessionId, string? Code, string? Cpf, string? FullName, string? Email, int? OrganizationId, string Address, string? Language);

/// <summary>What the guest is told: the same whether the CPF was known or not (no name, no e-mail, no account).</summary>
public sealed record GuestCheckInOutcome(int SessionId, string Session, string Offering, CheckInKind Kind, DateTime At, bool AlreadyRecorded);

/// <summary>
/// A guest at an open event (<see cref="Session.OpenEvent"/>) checks in without an account, with the code shown on
/// screen, their CPF, name, e-mail and organisation. The person is found by CPF or created (one per CPF: the unique index
/// decides between two at once, and the loser reads the winner's row); a known person's name, e-mail and organisation
/// are left as they are. The attendance is the person's row for the session, as a signed-in check-in writes it (a
/// repeat is answered "already recorded" and changes nothing), and a person without an account is invited to create
/// one (<see cref="InvitePeople"/>; a link that still works is not sent again). The answer never says whether the CPF
/// was known. Every submission is counted (per address, per CPF and per session, in the database, so every instance
/// shares the limits) and too many are refused for a while. Audited: the attendance row through the interceptor, and one
/// "GuestCheckIn" entry naming the person and whether they were created (never the CPF).
/// </summary>
public static class GuestCheckIn
{
    public const string Action = "GuestCheckIn";
    public const string Reason = "open-event check-in";

    public static async Task<Result<GuestCheckInOutcome>> HandleAsync(TrainingHubDbContext db, IAuditActor actor, TimeProvider time, CheckInOptions options,
        InvitationSettings invitations, string publicUrl, GuestCheckInRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddMinutes(-options.GuestWindowMinutes);
        var retry = TimeSpan.FromMinutes(options.GuestWindowMinutes);
        var typedCpf = Common.Cpf.Normalize(r.Cpf);
        var cpfHash = typedCpf is null ? null : Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(typedCpf)));
        var address = string.IsNullOrEmpty(r.Address) ? "-" : r.Address[..Math.Min(45, r.Address.Length)];

        var recent = db.GuestCheckInAttempts.AsNoTracking().Where(a => a.At > since);
        if (await recent.CountAsync(a => a.Address == address, ct) >= options.GuestPerAddress
            || (cpfHash is not null && await recent.CountAsync(a => a.CpfHash == cpfHash, ct) >= options.GuestPerCpf)
            || (r.SessionId is { } limited && await recent.CountAsync(a => a.SessionId == limited, ct) >= options.GuestPerSession))
        {
            return Error.RateLimited(retry, nameof(r.Code), "GuestCheckIn.TooMany", options.GuestWindowMinutes);
        }

        db.GuestCheckInAttempts.Add(new GuestCheckInAttempt { SessionId = await ExistingSessionAsync(db, r.SessionId, ct), CpfHash = cpfHash, Address = address, At = now });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var errors = new List<FieldError>();
        var code = CheckInCode.Normalize(r.Code);
        if (code.Length == 0)
        {
            errors.Add(new(nameof(r.Code), "CheckIn.CodeRequired"));
        }

        var cpf = PersonValidation.Cpf(r.Cpf, nameof(r.Cpf), errors);
        var name = PersonValidation.FullName(r.FullName, nameof(r.FullName), errors);
        var email = PersonValidation.Email(r.Email, nameof(r.Email), errors);
        var language = Languages.All.FirstOrDefault(l => string.Equals(l, r.Language, StringComparison.OrdinalIgnoreCase)) ?? Languages.Portuguese;
        if (r.OrganizationId is not { } organizationId || !await db.Organizations.AnyAsync(o => o.Id == organizationId && o.IsActive, ct))
        {
            errors.Add(new(nameof(r.OrganizationId), "Organization.NotFound"));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var windows = db.CheckInWindows.AsNoTracking()
            .Where(w => w.OpensAt <= now && w.ClosesAt > now && w.Session!.Status == SessionStatus.Scheduled && w.Session.OpenEvent);
        if (r.SessionId is { } sid)
        {
            windows = windows.Where(w => w.SessionId == sid);
        }

        var open = await windows.OrderByDescending(w => w.Id)
            .Select(w => new { w.SessionId, w.Kind, w.Secret, w.OpensAt, w.CodeSeconds, Session = w.Session!.Title, Offering = w.Session.Offering!.Title, w.Session.StartsAt, w.Session.CreditedMinutes })
            .Take(50).ToListAsync(ct);
        if (open.Count == 0)
        {
            return Error.Conflict(nameof(r.Code), "GuestCheckIn.NoneOpen");
        }

        var window = open.FirstOrDefault(w => CheckInCode.Matches(w.Secret, w.OpensAt, w.CodeSeconds, now, code));
        if (window is null)
        {
            return open.Any(w => CheckInCode.MatchedEarlier(w.Secret, w.OpensAt, w.CodeSeconds, now, code))
                ? Error.Validation(nameof(r.Code), "CheckIn.CodeRotated")
                : Error.Validation(nameof(r.Code), "GuestCheckIn.WrongCode");
        }

        var (personId, created) = await FindOrCreatePersonAsync(db, time, cpf!, name!, email!, r.OrganizationId!.Value, language, ct);

        var arrival = window.StartsAt.AddMinutes(options.GraceMinutes);
        var half = CheckInCode.HalfCredit(window.CreditedMinutes);
        var row = await db.AttendanceRecords.SingleOrDefaultAsync(a => a.SessionId == window.SessionId && a.PersonId == personId, ct);
        if (row is not null && (window.Kind == CheckInKind.Arrival ? row.CheckedInAt : row.ConfirmedAt) is { } at)
        {
            return Result<GuestCheckInOutcome>.Ok(new GuestCheckInOutcome(window.SessionId, window.Session, window.Offering, window.Kind, at, AlreadyRecorded: true));
        }

        if (row is null)
        {
            db.AttendanceRecords.Add(new AttendanceRecord
            {
                SessionId = window.SessionId,
                PersonId = personId,
                Status = window.Kind == CheckInKind.Arrival ? (now > arrival ? AttendanceStatus.Late : AttendanceStatus.Present) : AttendanceStatus.Partial,
                Minutes = window.Kind == CheckInKind.Arrival ? null : half,
                Source = AttendanceSource.CheckIn,
                RecordedAt = now,
                CheckedInAt = window.Kind == CheckInKind.Arrival ? now : null,
                ConfirmedAt = window.Kind == CheckInKind.Confirmation ? now : null,
            });
        }
        else
        {
            CheckIn.Apply(row, window.Kind, now, arrival, half);
            row.RecordedByUserId = null;
            row.RecordedAt = now;
        }

        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = AuditChain.Truncate(now),
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = Action,
            EntityType = nameof(Person),
            EntityId = personId.ToString(CultureInfo.InvariantCulture),
            OrganizationId = await db.People.Where(p => p.Id == personId).Select(p => (int?)p.OrganizationId).FirstOrDefaultAsync(ct),
            AfterJson = JsonSerializer.Serialize(new { sessionId = window.SessionId, kind = window.Kind.ToString(), personCreated = created }),
            Reason = Reason,
        });
        actor.Reason = Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same CPF checking in twice at once: the unique index let one through; this one is the repeat.
            db.ChangeTracker.Clear();
            var stored = await db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == window.SessionId && a.PersonId == personId)
                .Select(a => window.Kind == CheckInKind.Arrival ? a.CheckedInAt : a.ConfirmedAt).FirstOrDefaultAsync(ct);
            if (stored is { } first)
            {
                return Result<GuestCheckInOutcome>.Ok(new GuestCheckInOutcome(window.SessionId, window.Session, window.Offering, window.Kind, first, AlreadyRecorded: true));
            }

            throw;
        }
        finally
        {
            actor.Reason = null;
        }

        db.ChangeTracker.Clear();
        await InviteAsync(db, actor, time, invitations, publicUrl, personId, ct);
        return Result<GuestCheckInOutcome>.Ok(new GuestCheckInOutcome(window.SessionId, window.Session, window.Offering, window.Kind, now, AlreadyRecorded: false));
    }

    /// <summary>The session id when such a session exists (the attempt row's foreign key), otherwise null.</summary>
    private static async Task<int?> ExistingSessionAsync(TrainingHubDbContext db, int? sessionId, CancellationToken ct) =>
        sessionId is { } id && await db.Sessions.AnyAsync(s => s.Id == id, ct) ? id : null;

    /// <summary>The person with this CPF, or a new one; two requests creating the same CPF at once: the unique index keeps one, the other reads it.</summary>
    private static async Task<(int Id, bool Created)> FindOrCreatePersonAsync(TrainingHubDbContext db, TimeProvider time, string cpf, string name, string email,
        int organizationId, string language, CancellationToken ct)
    {
        if (await db.People.AsNoTracking().Where(p => p.Cpf == cpf).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct) is { } known)
        {
            return (known, false);
        }

        var person = new Person
        {
            Cpf = cpf,
            FullName = name,
            Email = email,
            OrganizationId = organizationId,
            PreferredLanguage = language,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.People.Add(person);
        try
        {
            await db.SaveChangesAsync(ct);
            return (person.Id, true);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.People.AsNoTracking().Where(p => p.Cpf == cpf).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct) is { } winner)
            {
                return (winner, false);
            }

            throw;
        }
    }

    /// <summary>Queues the account invitation for a person without an account (as the installation, not as the anonymous guest).</summary>
    private static async Task InviteAsync(TrainingHubDbContext db, IAuditActor actor, TimeProvider time, InvitationSettings invitations, string publicUrl, int personId, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.PersonId == personId, ct))
        {
            return;
        }

        var installation = new ReaderScope(Action, null, new HashSet<string> { Roles.Administrator }, null, null);
        try
        {
            await InvitePeople.HandleAsync(db, installation, actor, time, invitations, publicUrl, [personId], InvitationSource.OpenEvent, resend: false, ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // The same new person checking in to two sessions at once: one invitation per person (unique), the other request's.
            db.ChangeTracker.Clear();
            if (!await db.Invitations.AnyAsync(i => i.PersonId == personId, ct))
            {
                throw;
            }
        }
    }
}
