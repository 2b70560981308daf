using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Seeding;

/// <summary>
/// The strategy network's course evaluation: a reaction questionnaire of the programme (not required before the
/// certificate) and, for every class already finished, the answers of about three in four participants with credited
/// attendance. Grades, choices and comments come from <see cref="StableRandom"/> keyed by class and person, so every
/// run of the same year gives the same answers.
/// </summary>
internal static class DemoSurveys
{
    private static readonly string[] Comments =
    [
        "Conteúdo muito aplicável ao dia a dia da assessoria.",
        "Gostaria de mais exercícios práticos com casos do Estado.",
        "Carga horária curta para a quantidade de conteúdo.",
        "Instrutores muito bem preparados.",
        "O material poderia ser enviado antes dos encontros.",
        "Excelente troca de experiências entre as assessorias.",
    ];

    public static async Task SeedAsync(TrainingHubDbContext db, DateTime now, CancellationToken ct)
    {
        var programme = await db.Programmes.Where(p => p.Code == "REDE-ESTRATEGIA").Select(p => new { p.Id, p.OwnerOrganizationId }).SingleAsync(ct);
        var questionnaire = new Questionnaire
        {
            Title = "Avaliação de reação — Rede Estratégia",
            Purpose = QuestionnairePurpose.Evaluation,
            OwnerOrganizationId = programme.OwnerOrganizationId,
            CreatedAt = now,
        };
        var version = new QuestionnaireVersion { Number = 1, CreatedAt = now };
        version.Questions.AddRange(
        [
            new Question { Position = 1, Kind = QuestionKind.Scale, Required = true, SectionPt = "O curso", SectionEn = "The course", TextPt = "Como você avalia o curso, de modo geral?", TextEn = "How do you rate the course overall?" },
            new Question { Position = 2, Kind = QuestionKind.Scale, Required = true, TextPt = "O conteúdo se aplica ao seu trabalho?", TextEn = "Does the content apply to your work?" },
            new Question { Position = 3, Kind = QuestionKind.Scale, Required = true, SectionPt = "Instrutores", SectionEn = "Instructors", TextPt = "Como você avalia a atuação dos instrutores?", TextEn = "How do you rate the instructors?" },
            new Question { Position = 4, Kind = QuestionKind.SingleChoice, Required = true, SectionPt = "Continuidade", SectionEn = "Next steps", TextPt = "Você recomendaria o curso a um colega?", TextEn = "Would you recommend the course to a colleague?", OptionsPt = "Sim\nTalvez\nNão", OptionsEn = "Yes\nMaybe\nNo" },
            new Question { Position = 5, Kind = QuestionKind.RankedTopics, Required = false, TextPt = "Que temas a Rede deveria aprofundar?", TextEn = "Which topics should the network go deeper into?", OptionsPt = "Gestão de projetos\nIndicadores e monitoramento\nOrçamento\nInovação\nLiderança", OptionsEn = "Project management\nIndicators and monitoring\nBudget\nInnovation\nLeadership" },
            new Question { Position = 6, Kind = QuestionKind.LongText, Required = false, TextPt = "Comentários e sugestões", TextEn = "Comments and suggestions" },
        ]);
        questionnaire.Versions.Add(version);
        db.Questionnaires.Add(questionnaire);
        db.ProgrammeEvaluations.Add(new ProgrammeEvaluation { ProgrammeId = programme.Id, Questionnaire = questionnaire, RequiredForCertificate = false, DaysOpen = 30 });
        await db.SaveChangesAsync(ct);
        var q = version.Questions.OrderBy(x => x.Position).Select(x => x.Id).ToArray();

        var finished = await db.Classes.AsNoTracking()
            .Where(c => c.ProgrammeId == programme.Id && c.Sessions.Any() && c.Sessions.All(s => s.Status != SessionStatus.Scheduled))
            .Select(c => new { c.Id, Ends = c.Sessions.Max(s => s.EndsAt) }).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var c in finished)
        {
            var attendees = await (from a in CreditedAttendance.Query(db)
                                   where a.OfferingId == c.Id && a.CreditedMinutes > 0
                                   join p in db.People on a.PersonId equals p.Id
                                   select new { p.Id, p.OrganizationId }).Distinct().OrderBy(p => p.Id).ToListAsync(ct);
            var survey = new Survey
            {
                Key = MyEvaluations.ClassKey(c.Id),
                Kind = SurveyKind.ClassEvaluation,
                QuestionnaireId = questionnaire.Id,
                ProgrammeId = programme.Id,
                OfferingId = c.Id,
                ClosesAt = c.Ends.AddDays(30),
                CreatedAt = c.Ends,
            };
            db.Surveys.Add(survey);
            foreach (var person in attendees.Where(p => StableRandom.Unit(c.Id, p.Id, 1) < 0.75))
            {
                var at = c.Ends.AddHours(StableRandom.Between(2, 24 * 20, c.Id, person.Id, 2));
                if (at > now)
                {
                    continue;
                }

                // Mostly 4 and 5, some 3, rarely lower: what reaction evaluations usually look like.
                string Grade(int salt) => StableRandom.Unit(c.Id, person.Id, salt) switch
                {
                    < 0.04 => "2",
                    < 0.18 => "3",
                    < 0.58 => "4",
                    _ => "5",
                };
                var response = new SurveyResponse { Survey = survey, PersonId = person.Id, VersionId = version.Id, OrganizationId = person.OrganizationId, SubmittedAt = at, UpdatedAt = at };
                response.Answers.Add(new SurveyAnswer { QuestionId = q[0], Value = Grade(3) });
                response.Answers.Add(new SurveyAnswer { QuestionId = q[1], Value = Grade(4) });
                response.Answers.Add(new SurveyAnswer { QuestionId = q[2], Value = Grade(5) });
                response.Answers.Add(new SurveyAnswer { QuestionId = q[3], Value = StableRandom.Unit(c.Id, person.Id, 6) < 0.8 ? "0" : StableRandom.Unit(c.Id, person.Id, 7) < 0.7 ? "1" : "2" });
                var ranked = Enumerable.Range(0, 5).OrderBy(i => StableRandom.Unit(c.Id * 7 + i, person.Id, 8)).Take(StableRandom.Between(0, 3, c.Id, person.Id, 9)).ToList();
                if (ranked.Count > 0)
                {
                    response.Answers.Add(new SurveyAnswer { QuestionId = q[4], Value = string.Join(',', ranked) });
                }

                if (StableRandom.Unit(c.Id, person.Id, 10) < 0.3)
                {
                    response.Answers.Add(new SurveyAnswer { QuestionId = q[5], Value = Comments[StableRandom.Between(0, Comments.Length - 1, c.Id, person.Id, 11)] });
                }

                db.SurveyResponses.Add(response);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
