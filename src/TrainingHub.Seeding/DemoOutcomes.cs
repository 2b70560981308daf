using System.Globalization;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.People;

namespace TrainingHub.Seeding;

/// <summary>
/// Turns the planned enrolments into what they would be today: requests not yet made are left out, sessions
/// already past are closed and carry attendance, finished classes have completed and failed enrolments.
/// </summary>
internal static class DemoOutcomes
{
    /// <summary>Share of people who attend poorly wherever they enrol (most of their classes end failed).</summary>
    public const double WeakShare = 0.07;

    private static readonly string[] ExcuseNotes =
    [
        "Atestado médico apresentado à chefia.",
        "Em agenda institucional convocada pelo dirigente do órgão.",
        "Férias regulamentares previamente agendadas.",
        "Licença para acompanhamento de familiar.",
        "Participação em audiência pública no mesmo horário.",
    ];

    public static (List<TrainingHub.Core.Enrolment.Enrolment> Enrolments, List<AttendanceRecord> Attendance) Resolve(DemoWorld world)
    {
        var enrolments = new List<TrainingHub.Core.Enrolment.Enrolment>();
        var attendance = new List<AttendanceRecord>();
        var sessionOrdinals = new Dictionary<Session, int>();
        for (var i = 0; i < world.Sessions.Count; i++)
        {
            sessionOrdinals[world.Sessions[i]] = i;
        }

        foreach (var plan in world.Offerings)
        {
            var offering = plan.Offering;
            var sessions = offering.Sessions.OrderBy(s => s.StartsAt).ToList();
            foreach (var session in sessions)
            {
                var closedAt = session.EndsAt.AddDays(1);
                if (closedAt <= world.Now)
                {
                    session.Status = SessionStatus.Closed;
                    session.ClosedAt = closedAt;
                }
            }

            var started = sessions.Count > 0 && sessions[0].StartsAt <= world.Now;
            var lastEnd = sessions.Count > 0 ? sessions[^1].EndsAt : DateTime.MaxValue;
            var finishedAt = lastEnd == DateTime.MaxValue ? lastEnd : lastEnd.AddDays(2);
            var finished = finishedAt <= world.Now;
            var isClass = offering is CourseClass;
            var course = (offering as CourseClass)?.Course;
            var seatsHeld = 0;
            var waitlist = 0;

            foreach (var planned in plan.Enrolments.Where(e => e.RequestedAt <= world.Now).OrderBy(e => e.RequestedAt))
            {
                var enrolment = new TrainingHub.Core.Enrolment.Enrolment
                {
                    Offering = offering,
                    Person = planned.Person,
                    RequestedAt = planned.RequestedAt,
                };
                var decidedAt = offering.ApprovalRequired
                    ? planned.RequestedAt.AddDays(StableRandom.Between(1, 4, plan.Salt, world.OrdinalOf(planned.Person), 1))
                    : planned.RequestedAt;
                var intent = planned.Intent;
                if (intent == EnrolmentIntent.Seat && decidedAt > world.Now)
                {
                    intent = EnrolmentIntent.AwaitApproval;
                }

                switch (intent)
                {
                    case EnrolmentIntent.Seat:
                        enrolment.Status = EnrolmentStatus.Confirmed;
                        enrolment.ConfirmedAt = decidedAt;
                        enrolment.DecidedAt = offering.ApprovalRequired ? decidedAt : null;
                        seatsHeld++;
                        Attend(world, plan, planned.Person, sessions, sessionOrdinals, attendance, out var credited, out var possible);
                        if (isClass && finished)
                        {
                            Conclude(enrolment, course!, credited, possible, finishedAt);
                        }

                        break;
                    case EnrolmentIntent.Cancel:
                        enrolment.Status = EnrolmentStatus.Cancelled;
                        enrolment.ConfirmedAt = decidedAt;
                        enrolment.DecidedAt = world.NotAfterNow(decidedAt.AddDays(StableRandom.Between(2, 12, plan.Salt, world.OrdinalOf(planned.Person), 2)));
                        enrolment.DecisionReason = "Cancelada a pedido do(a) servidor(a): conflito de agenda.";
                        break;
                    case EnrolmentIntent.Waitlist when finished:
                        enrolment.Status = EnrolmentStatus.Cancelled;
                        enrolment.DecidedAt = finishedAt;
                        enrolment.DecisionReason = "Turma encerrada sem liberação de vaga na lista de espera.";
                        break;
                    case EnrolmentIntent.Waitlist:
                        enrolment.Status = EnrolmentStatus.Waitlisted;
                        enrolment.WaitlistPosition = ++waitlist;
                        break;
                    case EnrolmentIntent.AwaitApproval when started:
                        enrolment.Status = EnrolmentStatus.Cancelled;
                        enrolment.DecidedAt = sessions[0].StartsAt;
                        enrolment.DecisionReason = "Solicitação não aprovada pela chefia antes do início da turma.";
                        break;
                    default:
                        enrolment.Status = EnrolmentStatus.AwaitingApproval;
                        break;
                }

                enrolments.Add(enrolment);
            }

            if (offering.Seats is { } seats && seatsHeld > seats)
            {
                throw new InvalidOperationException($"Demo plan error: {offering.Code} holds {seatsHeld} seats of {seats}.");
            }

            offering.ConfirmedCount = seatsHeld;
        }

        return (enrolments, attendance);
    }

    private static void Attend(DemoWorld world, OfferingPlan plan, Person person, List<Session> sessions,
        Dictionary<Session, int> sessionOrdinals, List<AttendanceRecord> attendance, out int credited, out int possible)
    {
        credited = 0;
        possible = 0;
        var who = world.OrdinalOf(person);

        // About one person in fourteen attends poorly across everything they enrol in.
        var weak = StableRandom.Unit(who, 0, 0) < WeakShare;
        foreach (var session in sessions)
        {
            if (session.EndsAt > world.Now)
            {
                break;
            }

            if (plan.SingleSession is { } single && (!single.TryGetValue(person, out var only) || only != session))
            {
                continue;
            }

            possible += session.CreditedMinutes;
            var where = sessionOrdinals[session];
            var roll = StableRandom.Unit(who, where, plan.Salt);
            var status = weak
                ? roll switch { < 0.42 => AttendanceStatus.Present, < 0.50 => AttendanceStatus.Late, < 0.62 => AttendanceStatus.Partial, < 0.72 => AttendanceStatus.Excused, _ => AttendanceStatus.Absent }
                : roll switch { < 0.85 => AttendanceStatus.Present, < 0.93 => AttendanceStatus.Late, < 0.96 => AttendanceStatus.Partial, < 0.985 => AttendanceStatus.Excused, _ => AttendanceStatus.Absent };
            if (StableRandom.Unit(who, where, plan.Salt + 104_729) >= plan.Turnout)
            {
                status = roll < 0.3 ? AttendanceStatus.Excused : AttendanceStatus.Absent;
            }

            if (plan.SingleSession is not null)
            {
                // Open presentation meetings: people signed up for one meeting and nearly all came.
                status = roll < 0.9 ? AttendanceStatus.Present : AttendanceStatus.Late;
            }

            var checkedIn = !plan.RecordsAbsences;
            if (checkedIn && status is AttendanceStatus.Excused or AttendanceStatus.Absent)
            {
                continue;
            }

            int? minutes = null;
            string? note = null;
            var detail = StableRandom.Unit(who, where, plan.Salt + 7919);
            switch (status)
            {
                case AttendanceStatus.Partial:
                    minutes = (int)Math.Round(session.CreditedMinutes * (0.35 + 0.5 * detail) / 5) * 5;
                    note = checkedIn ? "Saída antecipada registrada no check-out." : "Saiu antes do término do encontro.";
                    break;
                case AttendanceStatus.Late:
                    note = string.Create(CultureInfo.InvariantCulture, $"Chegada com {10 + (int)(detail * 20)} min de atraso.");
                    break;
                case AttendanceStatus.Excused:
                    note = ExcuseNotes[(int)(detail * ExcuseNotes.Length)];
                    break;
                default:
                    break;
            }

            var recordedAt = checkedIn
                ? session.StartsAt.AddMinutes(status == AttendanceStatus.Late ? 20 + (int)(detail * 10) : (int)(detail * 10))
                : world.NotAfterNow(session.EndsAt.AddMinutes(20));
            attendance.Add(new AttendanceRecord
            {
                Session = session,
                Person = person,
                Status = status,
                Minutes = minutes,
                Source = checkedIn ? AttendanceSource.CheckIn : AttendanceSource.Roster,
                RecordedAt = recordedAt,
                Note = note,
            });
            credited += AttendanceRecord.Credit(status, minutes, session.CreditedMinutes);
        }
    }

    private static void Conclude(TrainingHub.Core.Enrolment.Enrolment enrolment, Course course, int credited, int possible, DateTime at)
    {
        var percent = possible == 0 ? 0 : (int)Math.Floor(100.0 * credited / possible);
        var enoughShare = percent >= course.MinAttendancePercent;
        var enoughMinutes = course.RequiredMinutes is not { } required || credited >= required;
        enrolment.CompletedAt = at;
        enrolment.Status = enoughShare && enoughMinutes ? EnrolmentStatus.Completed : EnrolmentStatus.Failed;
        // The neutral form the screens translate (see Attendance/EvaluateCompletion.cs).
        enrolment.OutcomeReason = new TrainingHub.Core.Attendance.CompletionReason(percent, course.MinAttendancePercent, credited, course.RequiredMinutes) { AttendanceMet = enoughShare }.ToString();
    }
}
