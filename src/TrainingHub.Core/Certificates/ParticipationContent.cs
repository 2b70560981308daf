using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// One participation certificate due: a person's attendance at one session (<see cref="ParticipationRule.EachSession"/>,
/// <see cref="SessionId"/> set) or at <see cref="Attended"/> of the series' sessions (<see cref="ParticipationRule.MinimumSessions"/>).
/// </summary>
public sealed record ParticipationDue(int PersonId, int OfferingId, int? SessionId, int Attended, int CreditedMinutes);

/// <summary>
/// Who is owed a participation certificate and what it says. Attendance counts when it credits minutes
/// (<see cref="CreditedAttendance"/>): present, late, or partial with minutes. A session counts once it has ended; a
/// whole-series certificate once the series has ended (<see cref="IssueCertificates.Ended"/>'s rule: its last day has
/// come and no session is still to end). Issue and reissue share <see cref="SnapshotAsync"/>.
/// </summary>
public static class ParticipationContent
{
    /// <summary>Certificates due and not yet issued (in any status: a revoked certificate is not silently replaced), in a stable order.</summary>
    public static async Task<List<ParticipationDue>> PendingAsync(TrainingHubDbContext db, TimeProvider time, int? offeringId, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        var series = db.WebinarSeries.Where(w => offeringId == null || w.Id == offeringId);
        var attended = CreditedAttendance.Query(db).Where(a => a.CreditedMinutes > 0);

        var perSession = await (
            from a in attended
            join w in series on a.OfferingId equals w.Id
            where w.ParticipationRule == ParticipationRule.EachSession
                && db.Sessions.Any(s => s.Id == a.SessionId && s.EndsAt <= now)
                && !db.Certificates.Any(c => c.Kind == CertificateKind.Participation && c.PersonId == a.PersonId && c.SessionId == a.SessionId)
            orderby a.SessionId, a.PersonId
            select new ParticipationDue(a.PersonId, a.OfferingId, a.SessionId, 1, a.CreditedMinutes))
            .Take(take).AsNoTracking().ToListAsync(ct);
        if (perSession.Count >= take)
        {
            return perSession;
        }

        var ended = series.Where(w => w.ParticipationRule == ParticipationRule.MinimumSessions && w.ParticipationMinimum != null && w.EndsOn <= today
            && !db.Sessions.Any(s => s.OfferingId == w.Id && s.Status != SessionStatus.Cancelled && s.EndsAt > now));
        var wholeSeries = await (
            from a in attended
            join w in ended on a.OfferingId equals w.Id
            where !db.Certificates.Any(c => c.Kind == CertificateKind.Participation && c.PersonId == a.PersonId && c.OfferingId == a.OfferingId && c.SessionId == null)
            group a by new { a.PersonId, a.OfferingId, w.ParticipationMinimum, w.ParticipationMinutes } into g
            where g.Count() >= g.Key.ParticipationMinimum
            orderby g.Key.OfferingId, g.Key.PersonId
            select new ParticipationDue(g.Key.PersonId, g.Key.OfferingId, null, g.Count(), g.Key.ParticipationMinutes ?? g.Sum(a => a.CreditedMinutes)))
            .Take(take - perSession.Count).ToListAsync(ct);
        return [.. perSession, .. wholeSeries];
    }

    /// <summary>The same certificate computed again from the records as they are now (reissue); null when the person no longer qualifies.</summary>
    public static async Task<ParticipationDue?> CurrentAsync(TrainingHubDbContext db, int personId, int offeringId, int? sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var attended = CreditedAttendance.Query(db).Where(a => a.PersonId == personId && a.OfferingId == offeringId && a.CreditedMinutes > 0);
        if (sessionId is { } sid)
        {
            var minutes = await attended.Where(a => a.SessionId == sid).Select(a => (int?)a.CreditedMinutes).FirstOrDefaultAsync(ct);
            return minutes is { } m ? new ParticipationDue(personId, offeringId, sid, 1, m) : null;
        }

        var rule = await db.WebinarSeries.AsNoTracking().Where(w => w.Id == offeringId).Select(w => new { w.ParticipationMinimum, w.ParticipationMinutes }).SingleAsync(ct);
        var rows = await attended.Select(a => a.CreditedMinutes).ToListAsync(ct);
        return rule.ParticipationMinimum is { } n && rows.Count >= n ? new ParticipationDue(personId, offeringId, null, rows.Count, rule.ParticipationMinutes ?? rows.Sum()) : null;
    }

    /// <summary>The snapshots of a batch, in its order: holder, series, session, issuer (the programme's settings, as for class certificates).</summary>
    public static async Task<List<(ParticipationDue Due, CertificateSource Source, CertificateSnapshot Snapshot)>> SnapshotsAsync(TrainingHubDbContext db, IssueSettings settings,
        IReadOnlyList<ParticipationDue> batch, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(batch);
        var personIds = batch.Select(b => b.PersonId).Distinct().ToList();
        var offeringIds = batch.Select(b => b.OfferingId).Distinct().ToList();
        var sessionIds = batch.Where(b => b.SessionId != null).Select(b => b.SessionId!.Value).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.FullName, p.Cpf, p.Email, p.PreferredLanguage }).ToDictionaryAsync(p => p.Id, ct);
        var series = await (
            from w in db.WebinarSeries.AsNoTracking()
            where offeringIds.Contains(w.Id)
            join s in db.CertificateSettings on w.ProgrammeId equals (int?)s.ProgrammeId into cs
            from s in cs.DefaultIfEmpty()
            select new
            {
                w.Id,
                w.Title,
                w.Code,
                w.SeriesKind,
                Programme = w.Programme != null ? w.Programme.Name : null,
                Sessions = db.Sessions.Count(x => x.OfferingId == w.Id && x.Status != SessionStatus.Cancelled),
                First = db.Sessions.Where(x => x.OfferingId == w.Id && x.Status != SessionStatus.Cancelled).Min(x => (DateTime?)x.StartsAt),
                Last = db.Sessions.Where(x => x.OfferingId == w.Id && x.Status != SessionStatus.Cancelled).Max(x => (DateTime?)x.StartsAt),
                Issuer = s != null ? s.Issuer : null,
                Cnpj = s != null ? s.IssuerCnpj : null,
                Place = s != null ? s.Place : null,
                Signatories = s != null ? s.Signatories : null,
                Validity = s != null ? s.ValidityMonths : null,
                OwnerName = w.Programme != null ? w.Programme.OwnerOrganization!.Name : null,
                OwnerCnpj = w.Programme != null ? w.Programme.OwnerOrganization!.Cnpj : null,
            }).ToDictionaryAsync(w => w.Id, ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).Select(s => new { s.Id, s.Title, s.StartsAt }).ToDictionaryAsync(s => s.Id, ct);

        var result = new List<(ParticipationDue, CertificateSource, CertificateSnapshot)>();
        foreach (var due in batch)
        {
            var p = people[due.PersonId];
            var w = series[due.OfferingId];
            var session = due.SessionId is { } sid ? sessions[sid] : null;
            var from = DateOnly.FromDateTime(SaoPaulo.ToLocal(session?.StartsAt ?? w.First ?? now));
            var to = DateOnly.FromDateTime(SaoPaulo.ToLocal(session?.StartsAt ?? w.Last ?? now));
            var title = session?.Title ?? w.Title;
            var src = new CertificateSource(0, p.Id, p.FullName, p.Cpf, p.Email, p.PreferredLanguage, title, w.Code, w.Programme, due.CreditedMinutes, from, to,
                Modality.Online, "", w.Issuer, w.Cnpj, w.Place, w.Signatories, w.Validity, w.OwnerName, w.OwnerCnpj);
            var snapshot = CertificateContent.Snapshot(src, settings, VerificationCodes.New(), now) with
            {
                Kind = nameof(CertificateKind.Participation),
                Modality = null,
                Syllabus = null,
                SeriesKind = w.SeriesKind.ToString(),
                SeriesTitle = w.Title,
                SessionsAttended = due.SessionId is null ? due.Attended : null,
                SessionsTotal = due.SessionId is null ? w.Sessions : null,
            };
            result.Add((due, src, snapshot));
        }

        return result;
    }

    /// <summary>A new valid participation certificate row for a snapshot.</summary>
    public static Certificate NewCertificate(CertificateSnapshot snapshot, ParticipationDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var c = CertificateContent.NewCertificate(snapshot, due.PersonId, null);
        c.OfferingId = due.OfferingId;
        c.SessionId = due.SessionId;
        return c;
    }
}
