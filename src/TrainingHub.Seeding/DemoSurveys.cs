using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Seeding;

/// <summary>
/// The strategy network's course evaluation: a reaction questionnaire of the programme (not required before the
/// certificate) and, for every class already finished, the answers of about three in four participants with credited
/// attendance. Grades, choices and comments come from <see cref="StableRandom"/> keyed by class and person, so every
/// run of the same year gives the same answers. Also the training-needs survey the network's units answered in the
/// November before the year (cycle = the year), whose topics became the year's six courses (linked to them), with two
/// topics asked for and not offered.
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
        await SeedNeedsAsync(db, programme.Id, programme.OwnerOrganizationId, now, ct);
    }

    private static readonly (string Pt, string En, string? Course, double Weight)[] Topics =
    [
        ("Planejamento estratégico e gestão para resultados", "Strategic planning and results-based management", "RE-PEGR", 1.0),
        ("Gestão de projetos", "Project management", "RE-GPE", 0.95),
        ("Automação de processos e low-code", "Process automation and low-code", "RE-APLC", 0.7),
        ("Indicadores e avaliação de políticas públicas", "Indicators and public policy evaluation", "RE-MIAP", 0.85),
        ("Gestão de riscos e governança", "Risk management and governance", "RE-GRGP", 0.6),
        ("Inovação e design de serviços", "Innovation and service design", "RE-IDSP", 0.65),
        ("Análise de dados e painéis", "Data analysis and dashboards", null, 0.8),
        ("Comunicação e negociação", "Communication and negotiation", null, 0.35),
    ];

    private static readonly string[] Needs =
    [
        "Capacitação em elaboração de termos de referência para contratações de TI.",
        "Oficinas práticas com os sistemas de planejamento do Estado.",
        "Formação de facilitadores internos para replicar os cursos no órgão.",
        "Trilha introdutória para servidores recém-chegados à assessoria.",
    ];

    /// <summary>
    /// The needs survey of the network's units for the year's cycle: sent on 3 November of the year before to everyone in
    /// the units, closed at the end of 21 November; about four in five answered, ranking three to five topics.
    /// </summary>
    private static async Task SeedNeedsAsync(TrainingHubDbContext db, int programmeId, int ownerId, DateTime now, CancellationToken ct)
    {
        var year = SaoPaulo.ToLocal(now).Year;
        var sent = SaoPaulo.ToUtc(new DateTime(year - 1, 11, 3, 9, 0, 0, DateTimeKind.Unspecified));
        var closes = SaoPaulo.ToUtc(new DateTime(year - 1, 11, 22, 0, 0, 0, DateTimeKind.Unspecified));
        var questionnaire = new Questionnaire
        {
            Title = "Levantamento de necessidades — Rede Estratégia",
            Purpose = QuestionnairePurpose.Needs,
            OwnerOrganizationId = ownerId,
            CreatedAt = sent.AddDays(-7),
        };
        var version = new QuestionnaireVersion { Number = 1, CreatedAt = sent.AddDays(-7) };
        version.Questions.AddRange(
        [
            new Question
            {
                Position = 1, Kind = QuestionKind.RankedTopics, Required = true, SectionPt = "Temas", SectionEn = "Topics",
                TextPt = "Que temas a Rede deve oferecer no próximo ciclo? Numere-os em ordem de prioridade.",
                TextEn = "Which topics should the network offer in the next cycle? Number them by priority.",
                OptionsPt = string.Join('\n', Topics.Select(t => t.Pt)), OptionsEn = string.Join('\n', Topics.Select(t => t.En)),
            },
            new Question
            {
                Position = 2, Kind = QuestionKind.SingleChoice, Required = true, SectionPt = "Formato", SectionEn = "Format",
                TextPt = "Qual formato atende melhor à sua assessoria?", TextEn = "Which format suits your unit best?",
                OptionsPt = "Presencial\nOnline ao vivo\nHíbrido", OptionsEn = "In person\nLive online\nHybrid",
            },
            new Question { Position = 3, Kind = QuestionKind.LongText, Required = false, TextPt = "Outras necessidades da sua assessoria", TextEn = "Other needs of your unit" },
        ]);
        questionnaire.Versions.Add(version);
        db.Questionnaires.Add(questionnaire);
        var units = await db.ProgrammeMembers.Where(m => m.ProgrammeId == programmeId).Select(m => m.Person!.OrganizationId).Distinct().OrderBy(o => o).ToListAsync(ct);
        var survey = new Survey
        {
            Key = SaveNeedsSurvey.Key(programmeId, year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Kind = SurveyKind.Needs,
            Questionnaire = questionnaire,
            ProgrammeId = programmeId,
            Cycle = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Audience = NeedsAudience.AllMembers,
            ClosesAt = closes,
            SentAt = sent,
            CreatedAt = sent.AddDays(-1),
        };
        survey.Organizations.AddRange(units.Select(u => new SurveyOrganization { OrganizationId = u }));
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);
        var q = version.Questions.OrderBy(x => x.Position).Select(x => x.Id).ToArray();

        var people = await db.People.AsNoTracking().Where(p => units.Contains(p.OrganizationId)).OrderBy(p => p.Id).Select(p => new { p.Id, p.OrganizationId }).ToListAsync(ct);
        foreach (var person in people.Where(p => StableRandom.Unit(p.Id, 31, 1) < 0.8))
        {
            var at = sent.AddHours(StableRandom.Between(1, 24 * 18, person.Id, 31, 2));
            var ranked = Enumerable.Range(0, Topics.Length)
                .OrderByDescending(i => Topics[i].Weight * StableRandom.Unit(person.Id, 31, 10 + i))
                .Take(StableRandom.Between(3, 5, person.Id, 31, 3)).ToList();
            var response = new SurveyResponse { SurveyId = survey.Id, PersonId = person.Id, VersionId = version.Id, OrganizationId = person.OrganizationId, SubmittedAt = at, UpdatedAt = at };
            response.Answers.Add(new SurveyAnswer { QuestionId = q[0], Value = string.Join(',', ranked) });
            response.Answers.Add(new SurveyAnswer { QuestionId = q[1], Value = StableRandom.Unit(person.Id, 31, 4) switch { < 0.35 => "0", < 0.75 => "2", _ => "1" } });
            if (StableRandom.Unit(person.Id, 31, 5) < 0.15)
            {
                response.Answers.Add(new SurveyAnswer { QuestionId = q[2], Value = Needs[StableRandom.Between(0, Needs.Length - 1, person.Id, 31, 6)] });
            }

            db.SurveyResponses.Add(response);
        }

        // What was offered: each of the year's courses came from one of the topics.
        var courses = await db.Courses.AsNoTracking().Where(c => c.ProgrammeId == programmeId).Select(c => new { c.Id, c.Code }).ToListAsync(ct);
        for (var i = 0; i < Topics.Length; i++)
        {
            if (courses.FirstOrDefault(c => c.Code == Topics[i].Course) is { } course)
            {
                db.NeedsTopicLinks.Add(new NeedsTopicLink { SurveyId = survey.Id, QuestionId = q[0], Topic = i, CourseId = course.Id, CreatedAt = closes.AddDays(3) });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
