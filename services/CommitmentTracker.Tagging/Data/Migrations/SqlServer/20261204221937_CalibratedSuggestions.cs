using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CommitmentTracker.Tagging.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CalibratedSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "flag-beneficial-ownership");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "flag-open-contracting");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "flag-public-procurement");

            migrationBuilder.AddColumn<string>(
                name: "LeadInstitution",
                table: "TrackedCommitments",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupportingInstitutions",
                table: "TrackedCommitments",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Theme",
                table: "TrackedCommitments",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Calibration",
                table: "TagSuggestions",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceKind",
                table: "TagSuggestions",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrimaryRule",
                table: "TagSuggestions",
                type: "nvarchar(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Excludes",
                table: "SuggestionRules",
                type: "nvarchar(max)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Requires",
                table: "SuggestionRules",
                type: "nvarchar(max)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Window",
                table: "SuggestionRules",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CalibrationPriors",
                columns: table => new
                {
                    TagId = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    EvidenceKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Accepted = table.Column<int>(type: "int", nullable: false),
                    Rejected = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalibrationPriors", x => new { x.TagId, x.EvidenceKind });
                    table.ForeignKey(
                        name: "FK_CalibrationPriors_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecomputeJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Total = table.Column<int>(type: "int", nullable: false),
                    Processed = table.Column<int>(type: "int", nullable: false),
                    Added = table.Column<int>(type: "int", nullable: false),
                    Updated = table.Column<int>(type: "int", nullable: false),
                    Superseded = table.Column<int>(type: "int", nullable: false),
                    LastCommitmentId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    LockToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LockedUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecomputeJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TagPolicyAreas",
                columns: table => new
                {
                    TagId = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    PolicyAreas = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Confidence = table.Column<double>(type: "float", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagPolicyAreas", x => x.TagId);
                    table.ForeignKey(
                        name: "FK_TagPolicyAreas_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "CalibrationPriors",
                columns: new[] { "EvidenceKind", "TagId", "Accepted", "Rejected" },
                values: new object[,]
                {
                    { "body-text", "beneficial-ownership", 0, 1 },
                    { "flag+text", "beneficial-ownership", 16, 0 },
                    { "body-text", "e-procurement", 2, 1 },
                    { "text", "e-procurement", 15, 0 },
                    { "weak-text", "e-procurement", 0, 1 },
                    { "body-text", "oc-disclosure", 3, 0 },
                    { "text", "oc-disclosure", 5, 0 },
                    { "body-text", "oc-participation", 1, 0 },
                    { "text", "oc-participation", 12, 0 },
                    { "body-text", "open-contracting", 1, 1 },
                    { "flag", "open-contracting", 16, 0 },
                    { "flag+text", "open-contracting", 31, 0 },
                    { "text", "open-contracting", 22, 0 },
                    { "weak-text", "open-contracting", 0, 10 },
                    { "flag", "public-procurement", 12, 0 },
                    { "flag-contradicted", "public-procurement", 0, 14 },
                    { "flag+text", "public-procurement", 60, 0 },
                    { "text", "public-procurement", 0, 3 },
                    { "weak-text", "public-procurement", 0, 1 },
                    { "body-text", "sector-education", 0, 1 },
                    { "flag", "sector-education", 1, 0 },
                    { "flag+text", "sector-education", 6, 0 },
                    { "text", "sector-education", 0, 2 },
                    { "flag", "sector-extractives", 1, 0 },
                    { "flag+text", "sector-extractives", 13, 0 },
                    { "body-text", "sector-health", 0, 1 },
                    { "flag+text", "sector-health", 8, 0 },
                    { "text", "sector-health", 0, 3 },
                    { "body-text", "sector-infrastructure", 0, 2 },
                    { "flag", "sector-infrastructure", 2, 0 },
                    { "flag+text", "sector-infrastructure", 11, 0 },
                    { "text", "sector-infrastructure", 3, 0 }
                });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "beneficial-ownership",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "", "beneficial owner*\nultimate owner*\nbeneficiario* final*\npropietario* real*\nbénéficiaire* effecti*\npropriété effective\npropriétaires réels\nbeneficiário* fina*\nproprietário* beneficiário*\nконечн* бенефициар*\nбенефициарн* владел*", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "e-procurement",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "", "e-procurement\nelectronic procurement\ne-tendering\nelectronic tender*\ne-tender*\nelectronic public procurement\nonline procurement\ne-submission\nelectronic submission of bids\ncontratación electrónica\ncompras electrónicas\nlicitación electrónica\ncompras públicas en línea\ntienda virtual\ncatálogo electrónico\nmarchés publics électroniques\ndématérialisation des marchés\ndépôt électronique des offres\npregão eletrônico\ncompras eletrônicas\nlicitação eletrônica\nportal de compras eletrônicas\nэлектронн* закуп*\nэлектронн* торг*\nэлектронн* площадк*\nэлектронн* аукцион*\nэлектронн* магазин*\nэлектронн* приемк*\nэлектронн* приёмк*", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "en-open-contracting",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "", "open contracting\ncontracting transparency\ntransparency of contracts\ntransparency in public contracts\ncontract transparency\ndisclosure of contracts\ncontract disclosure*\npublication of contracts\npublish contracts\nopen contracts\ncontract repositor*\ncontracts and licen*\nlicen* and contracts\ncontracting and licensing\ncontract register*\nregister of contracts\ncontracts register*", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "en-procurement",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "procurement agency\nprocurement office\nprocurement authority\nprocurement directorate\nprocurement bureau\nprocurement department\nprocurement unit\nprocurement commission\nprocurement service\nprocurement notice*\nprocurement procedure for\nprocurement of the\nprocurement of cameras\nprocured\nprocure\nwill procure\nbought through\nacquired through\npurchased through\ncontracted following\nselected through\nthrough an open\nthrough a public\nthrough public\nthrough an international\ntender for the\ntender to select\ntender evaluated\ntender launched\nlaunch a tender\nthe developer\ndeveloper\ncontractor for\nconsultant*\ncommunications agency\nagency will be\ncameras\nequipment\nsoftware\nhardware\nservers\nvehicles\ncomputers\ntablets\nlicences for\ntraining services\nservices for\nmaintenance", "procurement\npublic purchasing\npublic tender*\ntendering\ngovernment contracts\npublic contracts\ntenders", "law*\nlegislation\nlegal\nregulation*\nregulatory\nregulator*\nbylaw*\nby-law*\ncode\nrules\nreform*\ntransparen*\nopenness\nopen\ndata\ninformation\ndisclos*\npublish*\npublication\nregister*\nregistry\nportal*\nsystem*\nplatform*\nintegrity\ncorrupt*\naccountab*\nefficien*\ncompetiti*\nmonitor*\noversight\naudit*\ncomplaint*\nreview\nprofessional*\nofficers\ncertif*\ncapacity\nstandard*\nstrategy\npolicy\npolicies\nframework*\npractices\nsustainable\ngreen\nSMEs\nsmall businesses\nwomen\nelectronic\ne-procurement\ndigital\ncentrali*\nconsolidat*\nrisk*\nred flag*\nplanning\nplans\ncontracting\nspending\ncycle\nmalfeasance\ncollusion\ncartel*\ndirect awards\ndirect award\nnon-competitive\nsingle-source\nsingle source\nthresholds\nmethods\nvalue for money\nstatistics\nindicators\nexpenditure*\nfinancial\ncommercial\nperformance", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "es-open-contracting",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "", "contrataciones abiertas\ncontratación abierta\ncontrataciones públicas abiertas\ntransparencia en las contrataciones\npublicación de contratos\npublicación de los contratos", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "es-procurement",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "dirección general de contrataciones\ndirección nacional de contrataciones\noficina nacional de compras\nagencia de compras\nunidad de compras\nse adquirirán\nadquirirá\nadquisición de\nmediante una licitación\nmediante un proceso\nlicitará\nllamado a licitación\nproceso de licitación para\nlicitación para\nlicitación del\ndel desarrollador\ndesarrollador\nconsultoría\nproveedor del\ncámaras\nequipos\nsoftware\nservidores\nvehículos\ncomputadoras\nlicencias del", "contrataciones\ncontratación pública\ncontrataciones públicas\ncontrataciones del Estado\ncompras públicas\ncompras estatales\ncompras del Estado\nlicitación*\nlicitaciones\nadquisiciones públicas\nsistema de compras\ncontratación electrónica", "ley\nleyes\nlegal\nreglament*\nnormativ*\nnorma\nreforma*\ntransparen*\nabiert*\ndatos\ninformación\npublicar\npublicará*\npublicarán\npublicado*\npublicada*\npublique*\npublicación\npublicaciones\npublicidad\nregistro\nportal\nsistema*\nplataforma\nintegridad\ncorrupción\nrendición de cuentas\neficien*\ncompetencia\nmonitore*\ncontrol\nauditor*\ntribunal\ncontroversias\nprofesionaliz*\nfuncionarios\ncertifica*\ncapacita*\nestándar*\nestrategia\npolítica\nsostenib*\nmujeres\nelectrónic*\nen línea\ndigital\ncentraliz*\nriesgo*\nplanes\nplanificación\ndirectas\nexcepciones\nproveedores\nestadísticas\nindicadores\nmipymes\npymes", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "fr-open-contracting",
                columns: new[] { "Excludes", "Requires", "Window" },
                values: new object[] { "", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "fr-procurement",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "direction des marchés\ndirection générale des marchés\nagence des marchés\nautorité de régulation des marchés\nmarché de fourniture\nmarché de numérisation\nmarché de développement\navis d'appel d'offres\nseront achetées\nseront achetés\nferont l'objet\npar voie\nappel d'offres pour\nappel d'offres ouvert lancé\nachat du matériel\nprestataire\nagence de communication\nscanners\nbornes\nlogiciel\nmatériel", "marchés publics\nmarché public\ncommande publique\nappel* d'offres\npassation des marchés\nacheteurs publics\nachat public\nachats publics", "loi\ncode\nlégislati*\nréglement*\nrégulation\nréforme*\ntransparen*\nouvert*\ndonnées\ninformation\npublier\npubliera*\npublié*\npubliée*\npublication*\npublicité\nregistre\nportail\nsystème\nplateforme\nintégrité\ncorruption\nredevabilité\nefficacité\nconcurrence\ncontrôle*\nsuivi\naudit*\nrecours\ndifférends\nprofessionnalis*\nacheteurs\ncertifi*\ncapacités\nnorme*\nstandard*\nstratégie\npolitique\ndurable*\nPME\nfemmes\nélectroniques\ndématérialis*\nnumérique\ncentralis*\nrisques\nplanification\ngré à gré\ndérogatoires\nstatistiques\nindicateurs\npassation\naccès", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "oc-participation",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "", "contract monitoring\nmonitoring of contracts\nprocurement monitoring\nmonitoring of public procurement\nmonitor the contracts\nmonitor contracts\nintegrity pact*\nmonitoreo de contratos\nveedurí*\nvigilar la contratación\nsuivi des contrats\nobservateurs indépendants\nmonitoramento de contratos\nmonitoramento de licitações\nobservatórios sociais\nмониторинг* закуп*\nобщественн* мониторинг* закуп*\nмониторинг закупок", "contract*\nprocurement\ntender*\nbid*\ncontrat*\nlicitaci*\nobra* pública*\nmarchés\nlicitaç*\nobras\nзакуп*\nконтракт*", 8 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "ocds",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "", "OCDS\nopen contracting data standard\nestándar de datos para las contrataciones abiertas\nestándar de datos de contrataciones abiertas\nstandard de données sur la commande publique ouverte\nstandard de données de la commande publique ouverte\npadrão de dados para contratações abertas\npadrão de dados de contratações abertas\nстандарт* данных открытых контрактов\nстандарт* данных об открытых контрактах", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "pt-open-contracting",
                columns: new[] { "Excludes", "Requires", "Window" },
                values: new object[] { "", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "pt-procurement",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "central de compras\ndepartamento de licitações\ncomissão de licitação\nserão adquiridos\nserão comprados\nadquiridos por meio\ncomprados por meio\npor meio de licitação\naquisição dos\naquisição de\nlicitação para compra\nlicitação para contratação\nprocesso licitatório para\nhomologação da licitação\nedital de licitação para\ncontratação da solução\ncâmeras\nequipamentos\ntablets\nempresa desenvolvedora", "compras governamentais\ncompras públicas\nlicitaç*\ncontratações públicas\ncontratação pública\npregão\ncompras do estado", "lei\nlegisla*\nregulament*\nnormativ*\nnorma\nreforma*\ntransparên*\nabert*\ndados\ninformaç*\npublicar\npublicará*\npublicarão\npublicado*\npublicada*\npublique*\npublicação\npublicações\npublicidade\nregistro\nportal\nsistema*\nplataforma\nintegridade\ncorrupção\nprestação de contas\neficiên*\nconcorrência\nmonitora*\ncontrole\nauditor*\ncapacita*\ngovernança\ngestão de riscos\nriscos\npadrão\nestratégia\npolítica\nsustentá*\nmulheres\neletrônic*\ndigital\ncentraliza*\nplanejamento\ndispensas\ninexigibilidade*\ncontratações diretas\nagricultura familiar\nestatísticas\nindicadores", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "ru-open-contracting",
                columns: new[] { "Excludes", "Requires", "Window" },
                values: new object[] { "", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "ru-procurement",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "комитет по государственным закупкам\nдепартамент государственных закупок\nагентство по государственным закупкам\nзакупк* оборудовани*\nзакуплен*\nприобретен*\nпутём проведения\nпутем проведения\nизвещени* о проведении закупки\nзакупки на разработку\nзакупки у единственного поставщика или\nопредел* по результатам закупки\nкамер*\nоборудовани*\nсерверы", "закупк*\nзакупок\nгосзакуп*\nгосударственн* закуп*\nтендер*\nторг*\nконтрактн* систем*", "закон*\nзаконодательств*\nправов*\nрегулирован*\nнорматив*\nреформ*\nпрозрачност*\nоткрыт*\nданн*\nинформаци*\nпублик*\nреестр*\nпортал*\nсистем*\nплощадк*\nчестност*\nкоррупц*\nподотчетност*\nэффективност*\nконкуренц*\nмониторинг*\nконтрол*\nаудит*\nобжалован*\nжалоб*\nквалификац*\nпрофессиональн*\nстандарт*\nстратеги*\nполитик*\nэлектронн*\nцифров*\nцентрализац*\nриск*\nпланирован*\nединственного поставщика\nсговор*\nкартел*\nстатистик*\nпоказател*", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-education",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "information, education and communication\ninformation education and communication\ncivic education\nlegal education\nministry of education\nquality education\neducación cívica\neducación financiera\ninformación, educación y comunicación\nministerio de educación\neducación de calidad\nd'éducation et de communication\néducation civique\nministère de l'éducation\neducação cidadã\neducação fiscal\ninformação, educação e comunicação\nministério da educação\nsecretaria da educação\neducação de qualidade\nинформирования, образования и коммуникации\nгражданского образования\nминистерство образования\nкачество образования\nкачественное образование\nescolas e vizinhos\nescuelas y vecinos", "education\nschool*\nclassrooms\neducación\nescuelas\néducation\nécoles\neducação\nescolas\nescolar\nобразовани*\nшкол*", "", 2 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-extractives",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "", "extractive*\nmining\noil and gas\nEITI\nextractivas\nminería\nmineras\nhidrocarburos\nindustries extractives\nminières\nminier\npétroliers\nITIE\nmineração\npetróleo\nmineral*\nдобывающ*\nнедропользовани*\nИПДО\nнефт* и газ*", "", 6 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-health",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "ministry of health\ngood health\nhealth and well-being\nSDG 3\nhealth of\nsafety and health\noccupational\nministerio de salud\nsalud y bienestar\nODS 3\natención psicológica y de salud\nministère de la santé\nsanté démocratique\nsanté au travail\nministério da saúde\nsaúde e bem-estar\nsegurança e saúde\nминистерство здравоохранения\nздоровье и благополучие\nздоровья населения\nохраны труда и здоровья", "health\nhospital*\nmedicines\nmedical supplies\nsalud\nhospitales\nmedicamentos\nsanté\nmédicaments\nsaúde\nздравоохранен*\nбольниц*\nлекарств*", "", 2 });

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-infrastructure",
                columns: new[] { "Excludes", "Phrases", "Requires", "Window" },
                values: new object[] { "data infrastructure\nspatial data\ninformation infrastructure\ndigital infrastructure\nIT infrastructure\nICT infrastructure\npublic key infrastructure\ninteroperability\nexchange infrastructure\ninfraestructura de datos\ninfraestructura tecnológica\ninfraestructura de interoperabilidad\ninfrastructure de données\ninfrastructure numérique\ninfrastructure nationale de données\ninfraestrutura de dados\ninfraestrutura tecnológica\nинфраструктур* данн*\nпространственных данных\nинформационн* инфраструктур*\nцифров* инфраструктур*\nopen data", "infrastructure\npublic works\nconstruction contracts\nroads\nroad construction\nbridges\ninfraestructura\nobras públicas\nobra pública\nobras viales\ncarreteras\ntravaux publics\nroutes\nroutiers\ncontrats de construction\nmarchés de construction\ncontratos de construcción\ncontratos de construção\nobras\ninfraestrutura\nobras públicas\nrodovias\nинфраструктур*\nдорог*\nмост*\nстроительств*", "", 2 });

            migrationBuilder.InsertData(
                table: "SuggestionRules",
                columns: new[] { "Id", "Confidence", "Enabled", "Excludes", "Kind", "Language", "Phrases", "Requires", "TagId", "Version", "Window" },
                values: new object[,]
                {
                    { "e-procurement-context", 0.59999999999999998, true, "", "phrase", null, "electronic system\nelectronic platform\nonline platform\nonline system\nautomated system\nautomated tendering\nelectronic module\ne-contract*\nweb portal\nelectronic\nsistema electrónico\nplataforma electrónica\nen línea\nplateforme électronique\nen ligne\nélectronique*\nsistema eletrônico\nplataforma eletrônica\neletrônic*\nonline\nэлектронн*", "procurement\ntender*\ntendering\nbids\nbidding\ncompras\ncontrataciones\nlicitaci*\nmarchés\noffres\nachats\nlicitaç*\npregão\ncontratações\nзакуп*\nторг*\nаукцион*", "e-procurement", 1, 2 },
                    { "en-contract-disclosure", 0.59999999999999998, true, "", "phrase", "en", "contracts\ncontract documents\ncontracting data\ncontract data\ncontracting processes\ncontracting process\nagreements\nawards\ncontract awards\naward notice*\ntender notices\nprocurement data\ndata on procurement\nprocurement information\npurchases of", "publish*\npublication\ndisclos*\nmade public\nmake public\nfull text\nin full\nopen data\nopen format\nmachine-readable\nregister\nregisters\nregistry\nrepositor*\ncadastre\nOCDS\npublic access", "open-contracting", 1, 4 },
                    { "en-contracts-by-other-names", 0.59999999999999998, true, "beneficial owner*\nbeneficial ownership", "phrase", "en", "concession*\nconcession agreement*\npower purchase agreement*\nPPAs\nPPP contract*\nPPPs\npublic-private partnership*\npublic private partnership*\nmining agreement*\nmineral development agreement*\nmining development agreement*\nmining licen*\nmining contract*\nexploration licen*\npetroleum licen*\npetroleum agreement*\noil contract*\noil and gas contracts\nproduction sharing agreement*\nproduction sharing contract*\nfishing licen*\nforestry licen*\nlicen* holders", "publish*\npublication\ndisclos*\nmade public\nmake public\nfull text\nin full\nopen data\nopen format\nmachine-readable\nregister\nregisters\nregistry\nrepositor*\ncadastre\nOCDS\npublic access", "open-contracting", 1, 8 },
                    { "es-contract-disclosure", 0.59999999999999998, true, "registro de precios\nregistro de preços", "phrase", "es", "contratos\ncontratos de concesión\nconcesiones\nasociaciones público-privadas\nasociación público-privada\nAPP\ncontratos de compra de energía\nconcesiones mineras\ncontratos de exploración\nórdenes de compra\nmodificaciones contractuales\nadendas\ncompras de\ndatos de compras\ndatos de las compras\nadjudicaciones", "publicar\npublicará*\npublicarán\npublicado*\npublicada*\npublique*\npublicación\npublicaciones\npublicidad\ndivulga*\nhacer públic*\ntexto íntegro\níntegramente\ndatos abiertos\nregistro\nrepositorio\ncatastro\nacceso público", "open-contracting", 1, 6 },
                    { "fr-contract-disclosure", 0.59999999999999998, true, "", "phrase", "fr", "contrats\nconventions minières\ncontrats pétroliers\ncontrats de concession\ndélégation* de service public\npartenariat* public-privé\nPPP\ncontrats d'achat d'électricité\ntitres miniers\nmarchés de\ndonnées des marchés\ndonnées essentielles\navenants\nachats de\navis d'attribution\nattributions", "publier\npubliera*\npublié*\npubliée*\npublication*\npublicité\ndivulg*\nrendre public*\nrendus publics\ntexte intégral\nintégralement\ndonnées ouvertes\nregistre\ncadastre\naccès public", "open-contracting", 1, 6 },
                    { "oc-participation-monitors", 0.55000000000000004, true, "", "phrase", null, "citizen monitoring\ncommunity monitor*\nthird-party monitoring\nsocial audit*\ncivil society observers\nmonitoreo ciudadano\ncontrôle citoyen\nsuivi citoyen\ncomités citoyens\ncontrole social\nmonitoramento cidadão\nобщественн* контрол*\nобщественн* мониторинг*", "contract*\nprocurement\ntender*\nbid openings\ncontrat*\nlicitaci*\nmarchés\nlicitaç*\nзакуп*\nконтракт*", "oc-participation", 1, 8 },
                    { "pp-flag-extractives", 0.5, true, "", "exclude", null, "mining\nmineral*\nextractive*\noil and gas\npetroleum\nEITI\nnatural resource*\nminería\nmineras\nmineros\nhidrocarburos\npetroleras\nEITI\nregalías\nminières\nminiers\nminier\npétroli*\nITIE\nindustries extractives\nmineração\nminerária*\npetróleo\nroyalties\nнедропользовани*\nдобывающ*\nнефт*\nИПДО\nнедр*", "", "public-procurement", 1, 6 },
                    { "pt-contract-disclosure", 0.59999999999999998, true, "registro de preços", "phrase", "pt", "contratos\ncontratos de concessão\nconcessões\nparcerias público-privadas\nPPPs\ncontratos de compra de energia\naditivos\nacordos\ncompras de\ndados de compras\ndados das compras\nadjudicações", "publicar\npublicará*\npublicarão\npublicado*\npublicada*\npublique*\npublicação\npublicações\npublicidade\ndivulga*\ntornar públic*\níntegra\ndados abertos\nformato aberto\nregistro\nrepositório\nacesso público", "open-contracting", 1, 6 },
                    { "ru-contract-disclosure", 0.59999999999999998, true, "", "phrase", "ru", "контракт*\nдоговор*\nконцесси*\nконцессионн* соглашени*\nсоглашени* о государственно-частном партн*\nсоглашени* о разделе продукции\nсоглашени* с недропользовател*\nлицензи* на пользование недрами\nданн* о закупк*\nсведени* о закупк*", "публик*\nопубликова*\nраскрыт*\nраскрыва*\nреестр*\nоткрыт* доступ*\nоткрыт* данн*\nмашиночитаем*\nоткрыт* формат*", "open-contracting", 1, 6 }
                });

            migrationBuilder.InsertData(
                table: "TagPolicyAreas",
                columns: new[] { "TagId", "Confidence", "PolicyAreas", "Version" },
                values: new object[,]
                {
                    { "beneficial-ownership", 0.84999999999999998, "Beneficial Ownership", 1 },
                    { "open-contracting", 0.90000000000000002, "Open Contracting", 1 },
                    { "public-procurement", 0.84999999999999998, "Public Procurement", 1 },
                    { "sector-education", 0.69999999999999996, "Education\nOpen Data (Education)", 1 },
                    { "sector-extractives", 0.69999999999999996, "Extractive Industries", 1 },
                    { "sector-health", 0.69999999999999996, "Health & Nutrition\nOpen Data (Health)", 1 },
                    { "sector-infrastructure", 0.69999999999999996, "Infrastructure & Transport", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_Status_TagId_EvidenceKind_PrimaryRule",
                table: "TagSuggestions",
                columns: new[] { "Status", "TagId", "EvidenceKind", "PrimaryRule" });

            migrationBuilder.CreateIndex(
                name: "IX_RecomputeJobs_IsActive",
                table: "RecomputeJobs",
                column: "IsActive",
                unique: true,
                filter: "\"IsActive\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalibrationPriors");

            migrationBuilder.DropTable(
                name: "RecomputeJobs");

            migrationBuilder.DropTable(
                name: "TagPolicyAreas");

            migrationBuilder.DropIndex(
                name: "IX_TagSuggestions_Status_TagId_EvidenceKind_PrimaryRule",
                table: "TagSuggestions");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "e-procurement-context");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "en-contract-disclosure");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "en-contracts-by-other-names");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "es-contract-disclosure");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "fr-contract-disclosure");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "oc-participation-monitors");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "pp-flag-extractives");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "pt-contract-disclosure");

            migrationBuilder.DeleteData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "ru-contract-disclosure");

            migrationBuilder.DropColumn(
                name: "LeadInstitution",
                table: "TrackedCommitments");

            migrationBuilder.DropColumn(
                name: "SupportingInstitutions",
                table: "TrackedCommitments");

            migrationBuilder.DropColumn(
                name: "Theme",
                table: "TrackedCommitments");

            migrationBuilder.DropColumn(
                name: "Calibration",
                table: "TagSuggestions");

            migrationBuilder.DropColumn(
                name: "EvidenceKind",
                table: "TagSuggestions");

            migrationBuilder.DropColumn(
                name: "PrimaryRule",
                table: "TagSuggestions");

            migrationBuilder.DropColumn(
                name: "Excludes",
                table: "SuggestionRules");

            migrationBuilder.DropColumn(
                name: "Requires",
                table: "SuggestionRules");

            migrationBuilder.DropColumn(
                name: "Window",
                table: "SuggestionRules");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "beneficial-ownership",
                column: "Phrases",
                value: "beneficial owner*\nultimate owner*\nbeneficiario* final*\npropietario* real*\nbénéficiaire* effecti*\npropriété effective\nbeneficiário* fina*\nproprietário* beneficiário*\nконечн* бенефициар*\nбенефициарн* владел*");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "e-procurement",
                column: "Phrases",
                value: "e-procurement\nelectronic procurement\ne-tendering\nelectronic public procurement\nprocurement portal\nprocurement system\ncontratación electrónica\ncompras electrónicas\nlicitación electrónica\nmarchés publics électroniques\ndématérialisation des marchés\npregão eletrônico\ncompras eletrônicas\nlicitação eletrônica\nэлектронн* закуп*\nэлектронн* торг*");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "en-open-contracting",
                column: "Phrases",
                value: "open contracting\ncontracting transparency\ntransparency of contracts\ntransparency in public contracts\ncontract transparency\ndisclosure of contracts\ncontract disclosure*\npublication of contracts\npublish contracts\nopen contracts\ncontract repositor*\ncontracts and licen*\nlicen* and contracts\ncontracting and licensing");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "en-procurement",
                column: "Phrases",
                value: "procurement\npublic purchasing\npublic tender*\ntendering\ngovernment contracts\npublic contracts");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "es-open-contracting",
                column: "Phrases",
                value: "contrataciones abiertas\ncontratación abierta\ncontrataciones públicas abiertas\ntransparencia en las contrataciones\npublicación de contratos");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "es-procurement",
                column: "Phrases",
                value: "contrataciones\ncontratación pública\ncontrataciones públicas\ncompras públicas\ncompras estatales\nlicitación*\nlicitaciones\nadquisiciones públicas\ncompras del estado");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "fr-procurement",
                column: "Phrases",
                value: "marchés publics\nmarché public\ncommande publique\nappel* d'offres\npassation des marchés");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "oc-participation",
                column: "Phrases",
                value: "contract monitoring\nmonitoring of contracts\nprocurement monitoring\ncitizen monitoring\nthird-party monitoring\nsocial audit*\nmonitoreo de contratos\nveedurí*\nmonitoreo ciudadano\nsuivi des contrats\ncontrôle citoyen\nmonitoramento de contratos\ncontrole social\nобщественн* контрол*\nмониторинг закуп*");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "ocds",
                column: "Phrases",
                value: "OCDS\nopen contracting data standard\nestándar de datos para las contrataciones abiertas\nestándar de datos de contrataciones abiertas\nstandard de données sur la commande publique ouverte\npadrão de dados para contratações abertas\npadrão de dados de contratações abertas\nстандарт данных открытых контрактов\nстандарт данных об открытых контрактах");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "pt-procurement",
                column: "Phrases",
                value: "compras governamentais\ncompras públicas\nlicitaç*\ncontratações públicas\ncontratação pública");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "ru-procurement",
                column: "Phrases",
                value: "закупк*\nзакупок\nгосзакуп*\nгосударственн* закуп*\nтендер*");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-education",
                column: "Phrases",
                value: "education\nschool*\neducación\néducation\neducação\nобразовани*");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-extractives",
                column: "Phrases",
                value: "extractive*\nmining\noil and gas\nEITI\nextractivas\nminería\nindustries extractives\nmineração\nдобывающ*\nнедропользовани*");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-health",
                column: "Phrases",
                value: "health\nhospital*\nmedicines\nsalud\nsanté\nsaúde\nздравоохранен*");

            migrationBuilder.UpdateData(
                table: "SuggestionRules",
                keyColumn: "Id",
                keyValue: "sector-infrastructure",
                column: "Phrases",
                value: "infrastructure\npublic works\nconstruction contracts\ninfraestructura\nobras públicas\ntravaux publics\ninfraestrutura\nинфраструктур*");

            migrationBuilder.InsertData(
                table: "SuggestionRules",
                columns: new[] { "Id", "Confidence", "Enabled", "Kind", "Language", "Phrases", "TagId", "Version" },
                values: new object[,]
                {
                    { "flag-beneficial-ownership", 0.84999999999999998, true, "flag", null, "Beneficial Ownership", "beneficial-ownership", 1 },
                    { "flag-open-contracting", 0.90000000000000002, true, "flag", null, "Open Contracting", "open-contracting", 1 },
                    { "flag-public-procurement", 0.84999999999999998, true, "flag", null, "Public Procurement", "public-procurement", 1 }
                });
        }
    }
}
