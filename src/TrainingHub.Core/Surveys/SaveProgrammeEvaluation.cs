using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

/// <param name="QuestionnaireId">Null turns the programme's evaluation off (answers already given stay).</param>
public sealed record ProgrammeEvaluationRequest(int? QuestionnaireId, bool RequiredForCertificate, int DaysOpen = 30);

public sealed record ProgrammeEvaluationModel(int ProgrammeId, string Programme, int? QuestionnaireId, bool RequiredForCertificate, int DaysOpen,
    IReadOnlyList<QuestionnaireRow> Questionnaires);

/// <summary>A programme's course evaluation settings: the questionnaire, whether it comes before the certificate, how many days it stays open.</summary>
public static class SaveProgrammeEvaluation
{
    public static async Task<ProgrammeEvaluationModel?> GetAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var p = await db.Programmes.InScope(scope).AsNoTracking().Where(x => x.Id == programmeId).Select(x => new { x.Id, x.Name }).FirstOrDefaultAsync(ct);
        if (p is null)
        {
            return null;
        }

        var e = await db.ProgrammeEvaluations.AsNoTracking().FirstOrDefaultAsync(x => x.ProgrammeId == programmeId, ct);
        var list = (await GetQuestionnaire.ListAsync(db, scope, ct)).Where(q => q.Purpose == QuestionnairePurpose.Evaluation).ToList();
        return new ProgrammeEvaluationModel(p.Id, p.Name, e?.QuestionnaireId, e?.RequiredForCertificate ?? false, e?.DaysOpen ?? 30, list);
    }

    public static async Task<Result<ProgrammeEvaluationRequest>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, ProgrammeEvaluationRequest r,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("ProgrammeId", "Programme.NotFound");
        }

        var existing = await db.ProgrammeEvaluations.FirstOrDefaultAsync(x => x.ProgrammeId == programmeId, ct);
        if (r.QuestionnaireId is not { } questionnaireId)
        {
            if (existing is not null)
            {
                db.ProgrammeEvaluations.Remove(existing);
                await db.SaveChangesAsync(ct);
            }

            return Result<ProgrammeEvaluationRequest>.Ok(r);
        }

        var errors = new List<FieldError>();
        if (!await db.Questionnaires.InScope(db, scope).AnyAsync(q => q.Id == questionnaireId && q.Purpose == QuestionnairePurpose.Evaluation, ct))
        {
            errors.Add(new(nameof(r.QuestionnaireId), "Survey.QuestionnaireNotFound"));
        }

        if (r.DaysOpen is < 1 or > 365)
        {
            errors.Add(new(nameof(r.DaysOpen), "Survey.DaysOpenRange", 1, 365));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        existing ??= db.ProgrammeEvaluations.Add(new ProgrammeEvaluation { ProgrammeId = programmeId }).Entity;
        existing.QuestionnaireId = questionnaireId;
        existing.RequiredForCertificate = r.RequiredForCertificate;
        existing.DaysOpen = r.DaysOpen;
        await db.SaveChangesAsync(ct);
        return Result<ProgrammeEvaluationRequest>.Ok(r);
    }
}
