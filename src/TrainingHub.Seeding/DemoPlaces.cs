namespace TrainingHub.Seeding;

/// <summary>Names of real public bodies and municipalities the demo organisations are modelled on.</summary>
internal static class DemoPlaces
{
    /// <summary>The 29 state bodies whose strategy units (Assessorias Estratégicas) form the network: name, acronym.</summary>
    public static readonly (string Name, string Acronym)[] StrategicUnits =
    [
        ("Secretaria de Estado de Fazenda", "SEF"),
        ("Secretaria de Estado de Educação", "SEE"),
        ("Secretaria de Estado de Saúde", "SES"),
        ("Secretaria de Estado de Justiça e Segurança Pública", "Sejusp"),
        ("Secretaria de Estado de Desenvolvimento Econômico", "Sede"),
        ("Secretaria de Estado de Meio Ambiente e Desenvolvimento Sustentável", "Semad"),
        ("Secretaria de Estado de Infraestrutura, Mobilidade e Parcerias", "Seinfra"),
        ("Secretaria de Estado de Desenvolvimento Social", "Sedese"),
        ("Secretaria de Estado de Cultura e Turismo", "Secult"),
        ("Secretaria de Estado de Agricultura, Pecuária e Abastecimento", "Seapa"),
        ("Secretaria de Estado de Governo", "Segov"),
        ("Secretaria-Geral do Estado", "SG"),
        ("Controladoria-Geral do Estado", "CGE"),
        ("Advocacia-Geral do Estado", "AGE"),
        ("Polícia Militar de Minas Gerais", "PMMG"),
        ("Polícia Civil de Minas Gerais", "PCMG"),
        ("Corpo de Bombeiros Militar de Minas Gerais", "CBMMG"),
        ("Departamento de Estradas de Rodagem de Minas Gerais", "DER-MG"),
        ("Instituto Estadual de Florestas", "IEF"),
        ("Fundação Estadual do Meio Ambiente", "Feam"),
        ("Instituto Mineiro de Gestão das Águas", "Igam"),
        ("Fundação Hospitalar do Estado de Minas Gerais", "Fhemig"),
        ("Fundação de Amparo à Pesquisa do Estado de Minas Gerais", "Fapemig"),
        ("Fundação Centro de Hematologia e Hemoterapia de Minas Gerais", "Hemominas"),
        ("Universidade do Estado de Minas Gerais", "UEMG"),
        ("Instituto de Previdência dos Servidores do Estado de Minas Gerais", "Ipsemg"),
        ("Companhia de Tecnologia da Informação do Estado de Minas Gerais", "Prodemge"),
        ("Empresa de Assistência Técnica e Extensão Rural do Estado de Minas Gerais", "Emater-MG"),
        ("Fundação João Pinheiro", "FJP"),
    ];

    /// <summary>Municipalities already running the shared electronic-process system (onboarding programme).</summary>
    public static readonly string[] SeiLive =
    [
        "Conceição do Mato Dentro", "Diamantina", "Lavras", "Nova Lima", "Pedro Leopoldo", "Pompéu",
        "Ribeirão das Neves", "Rio Doce", "Sete Lagoas", "Teófilo Otoni", "Timóteo", "Unaí",
    ];

    /// <summary>Municipalities implementing it.</summary>
    public static readonly string[] SeiImplementing =
    [
        "Coqueiral", "Patos de Minas", "Araçuaí", "Além Paraíba", "Sabinópolis", "Monte Santo de Minas",
        "Araguari", "Itajubá", "João Pinheiro",
    ];

    /// <summary>Minas Gerais municipalities (a sample of the state's 853), beyond the ones above.</summary>
    public static readonly string[] MinasGerais =
    [
        "Abaeté", "Abre Campo", "Açucena", "Águas Formosas", "Aimorés", "Aiuruoca", "Alfenas", "Almenara",
        "Alpinópolis", "Alvinópolis", "Andradas", "Andrelândia", "Araxá", "Arcos", "Areado", "Arinos", "Baependi",
        "Bambuí", "Barão de Cocais", "Barbacena", "Barroso", "Belo Horizonte", "Belo Oriente", "Betim", "Bicas",
        "Boa Esperança", "Bocaiúva", "Bom Despacho", "Bom Sucesso", "Bonfim", "Borda da Mata", "Botelhos",
        "Brasília de Minas", "Brumadinho", "Buenópolis", "Buritizeiro", "Caeté", "Caldas", "Camanducaia", "Cambuí",
        "Campanha", "Campo Belo", "Campos Altos", "Campos Gerais", "Candeias", "Capelinha", "Capim Branco",
        "Carangola", "Caratinga", "Carmo do Cajuru", "Carmo do Paranaíba", "Carmo do Rio Claro",
        "Carmópolis de Minas", "Cássia", "Cataguases", "Caxambu", "Cláudio", "Congonhas", "Conceição das Alagoas",
        "Conselheiro Lafaiete", "Conselheiro Pena", "Contagem", "Coração de Jesus", "Cordisburgo", "Corinto",
        "Coromandel", "Coronel Fabriciano", "Cristina", "Curvelo", "Divinópolis", "Dores do Indaiá", "Elói Mendes",
        "Entre Rios de Minas", "Ervália", "Esmeraldas", "Espinosa", "Estrela do Sul", "Extrema", "Formiga",
        "Francisco Sá", "Frutal", "Governador Valadares", "Guanhães", "Guaxupé", "Guarani", "Ibiá", "Ibirité",
        "Igarapé", "Iguatama", "Inhapim", "Ipatinga", "Itabira", "Itabirito", "Itamarandiba", "Itambacuri",
        "Itamonte", "Itanhandu", "Itaobim", "Itapecerica", "Itaúna", "Ituiutaba", "Iturama", "Jaboticatubas",
        "Janaúba", "Januária", "Jequitinhonha", "João Monlevade", "Juatuba", "Juiz de Fora", "Lagoa da Prata",
        "Lagoa Santa", "Lajinha", "Lambari", "Leopoldina", "Luz", "Machado", "Malacacheta", "Manga", "Manhuaçu",
        "Manhumirim", "Mantena", "Mariana", "Martinho Campos", "Mateus Leme", "Matozinhos", "Medina", "Minas Novas",
        "Monte Alegre de Minas", "Monte Carmelo", "Monte Sião", "Montes Claros", "Muriaé", "Mutum", "Muzambinho",
        "Nanuque", "Nepomuceno", "Nova Era", "Nova Serrana", "Oliveira", "Ouro Branco", "Ouro Fino", "Ouro Preto",
        "Pará de Minas", "Paracatu", "Paraguaçu", "Paraopeba", "Passa Quatro", "Passos", "Patrocínio", "Pedra Azul",
        "Perdões", "Piranga", "Pirapora", "Pitangui", "Piumhi", "Poço Fundo", "Poços de Caldas", "Ponte Nova",
        "Porteirinha", "Pouso Alegre", "Prata", "Presidente Olegário", "Resende Costa", "Rio Casca",
        "Rio Paranaíba", "Rio Pardo de Minas", "Rio Pomba", "Sabará", "Sacramento", "Salinas", "Santa Bárbara",
        "Santa Luzia", "Santa Rita do Sapucaí", "Santa Vitória", "Santo Antônio do Monte", "Santos Dumont",
        "São Francisco", "São Gonçalo do Sapucaí", "São Gotardo", "São João del-Rei", "São João Nepomuceno",
        "São Joaquim de Bicas", "São Lourenço", "São Sebastião do Paraíso", "Sarzedo", "Serro", "Taiobeiras",
        "Tiradentes", "Três Corações", "Três Marias", "Três Pontas", "Tupaciguara", "Turmalina", "Ubá", "Uberaba",
        "Uberlândia", "Varginha", "Várzea da Palma", "Vazante", "Vespasiano", "Viçosa", "Visconde do Rio Branco",
        "Virginópolis", "Alpercata", "Campina Verde", "Capitólio", "Carandaí", "Cachoeira de Minas",
        "Conceição do Rio Verde", "Dom Silvério", "Itatiaiuçu", "Jacutinga", "Mário Campos", "Nova Ponte",
        "Paraisópolis", "Prudente de Morais", "Raposos", "Rio Acima", "Santana do Paraíso", "São José da Lapa",
    ];

    /// <summary>Maranhão municipalities of the institute's programme, with the month their in-service course starts.</summary>
    public static readonly (string Name, int StartMonth)[] InstituteMunicipalities =
    [
        ("Icatu", 4), ("Bequimão", 6), ("Alcântara", 8), ("Rosário", 9),
    ];
}
