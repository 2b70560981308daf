using TrainingHub.Core.Catalog;

namespace TrainingHub.Seeding;

/// <summary>The demo course catalogue: titles, workloads and syllabi (conteúdo programático).</summary>
internal static class DemoCourses
{
    public sealed record Definition(string Code, string Title, int WorkloadHours, Modality Modality, string[] Syllabus);

    /// <summary>The strategy network's six courses, on topics the units chose in their needs survey.</summary>
    public static readonly Definition[] StrategyNetwork =
    [
        new("RE-PEGR", "Planejamento Estratégico e Gestão para Resultados", 16, Modality.InPerson,
        [
            "Fundamentos do planejamento estratégico no setor público",
            "Cadeia de valor, mapa estratégico e alinhamento ao planejamento de longo prazo do Estado",
            "Integração entre planejamento e orçamento: PPAG, LDO e LOA",
            "Objetivos, metas e indicadores de resultado",
            "Carteira de projetos estratégicos e critérios de priorização",
            "Oficina: revisão do planejamento estratégico do órgão",
        ]),
        new("RE-GPE", "Gestão de Projetos Estratégicos", 16, Modality.Hybrid,
        [
            "Ciclo de vida de projetos e o papel da Assessoria Estratégica",
            "Termo de abertura, escopo e estrutura analítica do projeto (EAP)",
            "Cronograma, marcos e caminho crítico",
            "Partes interessadas e comunicação com a alta gestão",
            "Monitoramento dos projetos acompanhados pelo Governador: relatórios de situação",
            "Lições aprendidas e encerramento do projeto",
        ]),
        new("RE-APLC", "Automatização de Processos e Ferramentas Low-Code", 12, Modality.Online,
        [
            "Mapeamento de processos em BPMN e identificação de gargalos",
            "Critérios para escolher processos automatizáveis",
            "Automação robótica de processos (RPA): conceitos e casos do Governo de Minas",
            "Ferramentas low-code para formulários, fluxos de aprovação e painéis",
            "Inteligência artificial generativa no trabalho administrativo: usos e cuidados",
            "Oficina prática: automatização de um fluxo do próprio órgão",
        ]),
        new("RE-MIAP", "Monitoramento de Indicadores e Avaliação de Políticas Públicas", 12, Modality.Online,
        [
            "Tipos de indicadores: insumo, processo, produto, resultado e impacto",
            "Ficha do indicador, linha de base e metas",
            "Fontes de dados governamentais e qualidade da informação",
            "Painéis de monitoramento e comunicação de resultados",
            "Noções de avaliação ex ante e ex post de políticas públicas",
        ]),
        new("RE-GRGP", "Gestão de Riscos e Governança Pública", 8, Modality.InPerson,
        [
            "Governança pública: princípios, instâncias e papéis",
            "Metodologia de gestão de riscos do Poder Executivo estadual",
            "Identificação, análise e avaliação de riscos estratégicos",
            "Planos de tratamento e monitoramento de riscos",
            "Integridade e controles internos da gestão",
        ]),
        new("RE-IDSP", "Inovação e Design de Serviços Públicos", 12, Modality.Hybrid,
        [
            "Inovação no setor público: conceitos e experiências brasileiras",
            "Design de serviços e jornada do usuário",
            "Pesquisa com usuários, escuta ativa e cocriação",
            "Prototipagem e teste de serviços",
            "Simplificação administrativa: \"Ouvir para simplificar. Conectar para fortalecer\"",
            "Plano de implementação, escala e sustentação da inovação",
        ]),
    ];

    public static readonly Definition Exchange = new("INT-INOVA", "Intercâmbio para Inovação e Automatização no Setor Público", 143, Modality.Immersion,
    [
        "Etapa 1 — Capacitação: fundamentos de automatização, modelagem de processos e ferramentas do Escritório",
        "Etapa 2 — Imersão prática: atuação integrada às equipes do Escritório Central na Cidade Administrativa",
        "Etapa 3 — Desenvolvimento de projetos reais: análise de processos prioritários do órgão de origem e do Estado",
        "Uso de inteligência artificial e de automação robótica de processos como ferramentas do dia a dia",
        "Métodos ágeis, gestão de mudanças e replicação de soluções",
        "Etapa 4 — Apresentação final dos resultados em evento institucional",
    ]);

    public static readonly Definition DocumentSystem = new("SEI-IMPL", "Sei!MG: implantação e uso nas administrações municipais", 12, Modality.Online,
    [
        "O Sei!MG Municípios: modelo de adesão, papéis do Estado, da Prodemge e do município",
        "Estrutura organizacional, unidades e perfis de acesso",
        "Tipos de processo, documentos e modelos",
        "Assinatura eletrônica, tramitação e blocos de assinatura",
        "Gestão documental: classificação, temporalidade e arquivamento",
        "Integração com outros sistemas e boas práticas de implantação",
    ]);

    public static readonly Definition InstituteInService = new("IMESC-CAS-GPPM", "Aperfeiçoamento em Serviço: Planejamento e Gestão de Políticas Públicas Municipais", 40, Modality.Hybrid,
    [
        "Diagnóstico municipal com o banco de dados municipal do Instituto",
        "Plataforma DigIMESC: elaboração, execução e acompanhamento de projetos",
        "Planejamento municipal: PPA, LDO, LOA e plano de governo",
        "Elaboração de projetos e definição de indicadores",
        "Participação social: o papel dos conselhos municipais e da Câmara Municipal",
        "Monitoramento, avaliação e prestação de contas",
        "Cartilha \"Um novo jeito de olhar, conhecer e mudar a realidade do seu município\"",
    ]);

    public static Course Create(DemoWorld world, Definition definition, Programme programme, int? requiredHours = null)
    {
        var course = new Course
        {
            Code = definition.Code,
            Title = definition.Title,
            Programme = programme,
            Syllabus = string.Join('\n', definition.Syllabus),
            WorkloadMinutes = definition.WorkloadHours * 60,
            Modality = definition.Modality,
            MinAttendancePercent = 75,
            RequiredMinutes = requiredHours * 60,
            CreatedAt = world.PlannedAt,
        };
        world.Courses.Add(course);
        return course;
    }
}
