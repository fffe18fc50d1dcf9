using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CriminalJusticeLiaison : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CriminalJusticeClocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    TargetDays = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NearOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StoppedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StartEventId = table.Column<Guid>(type: "uuid", nullable: false),
                    StopEventId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeClocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeClocks_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriminalJusticeClockSettings",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    TransferDays = table.Column<int>(type: "integer", nullable: false),
                    MhtrDays = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeClockSettings", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeClockSettings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriminalJusticeEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    HearingAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Offence = table.Column<int>(type: "integer", nullable: true),
                    PoliceDecision = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    RemandOrBail = table.Column<int>(type: "integer", nullable: true),
                    BailConditions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    HearingType = table.Column<int>(type: "integer", nullable: true),
                    SupportAtCourt = table.Column<bool>(type: "boolean", nullable: false),
                    HearingId = table.Column<Guid>(type: "uuid", nullable: true),
                    CourtOutcome = table.Column<int>(type: "integer", nullable: true),
                    Requirements = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PaymentPlanHelp = table.Column<bool>(type: "boolean", nullable: false),
                    LegalStatus = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    TransferSection = table.Column<int>(type: "integer", nullable: true),
                    SupersedesId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriminalJusticeEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeEvents_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CriminalJusticeEvents_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Vulnerabilities = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Screening = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Assessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Priorities = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EffectOnProcess = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FurtherInformation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CorrectionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    SentHow = table.Column<int>(type: "integer", nullable: true),
                    SentNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SentInformation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiaisonReports_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProactiveLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProactiveLists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProactiveLists_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProactiveLists_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProactiveScreeningSettings",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rules = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProactiveScreeningSettings", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_ProactiveScreeningSettings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonReportAddressee",
                columns: table => new
                {
                    ReportVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonReportAddressee", x => new { x.ReportVersionId, x.AgencyId });
                    table.ForeignKey(
                        name: "FK_LiaisonReportAddressee_CriminalJusticeAgencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "CriminalJusticeAgencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LiaisonReportAddressee_LiaisonReports_ReportVersionId",
                        column: x => x.ReportVersionId,
                        principalTable: "LiaisonReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonReportRecommendation",
                columns: table => new
                {
                    ReportVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PersonConsents = table.Column<bool>(type: "boolean", nullable: true),
                    ProviderAgrees = table.Column<bool>(type: "boolean", nullable: true),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonReportRecommendation", x => new { x.ReportVersionId, x.Code });
                    table.ForeignKey(
                        name: "FK_LiaisonReportRecommendation_LiaisonReports_ReportVersionId",
                        column: x => x.ReportVersionId,
                        principalTable: "LiaisonReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProactiveListRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ListId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    Reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    FamilyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    GivenNames = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    AgeOnDay = table.Column<int>(type: "integer", nullable: true),
                    Sex = table.Column<int>(type: "integer", nullable: false),
                    Postcode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    PncId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    NhsNumber = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    TimeIn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OffenceCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Band = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Probability = table.Column<double>(type: "double precision", nullable: true),
                    Verdict = table.Column<int>(type: "integer", nullable: true),
                    VerdictAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VerdictByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DetailsClearedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProactiveListRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProactiveListRows_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProactiveListRows_ProactiveLists_ListId",
                        column: x => x.ListId,
                        principalTable: "ProactiveLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeClocks_EpisodeId_Kind",
                table: "CriminalJusticeClocks",
                columns: new[] { "EpisodeId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeClocks_PersonId",
                table: "CriminalJusticeClocks",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeClocks_TeamId_StoppedOn_DueOn",
                table: "CriminalJusticeClocks",
                columns: new[] { "TeamId", "StoppedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_AgencyId",
                table: "CriminalJusticeEvents",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_EpisodeId_On",
                table: "CriminalJusticeEvents",
                columns: new[] { "EpisodeId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_HearingId",
                table: "CriminalJusticeEvents",
                column: "HearingId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_PersonId_On",
                table: "CriminalJusticeEvents",
                columns: new[] { "PersonId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_SupersedesId",
                table: "CriminalJusticeEvents",
                column: "SupersedesId");

            migrationBuilder.CreateIndex(
                name: "IX_CriminalJusticeEvents_TeamId_Kind_On",
                table: "CriminalJusticeEvents",
                columns: new[] { "TeamId", "Kind", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReportAddressee_AgencyId",
                table: "LiaisonReportAddressee",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_EpisodeId_SentAt",
                table: "LiaisonReports",
                columns: new[] { "EpisodeId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_PersonId_CreatedAt",
                table: "LiaisonReports",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_ReportId_Number",
                table: "LiaisonReports",
                columns: new[] { "ReportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveListRows_ListId_Line",
                table: "ProactiveListRows",
                columns: new[] { "ListId", "Line" });

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveListRows_PersonId",
                table: "ProactiveListRows",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveLists_AgencyId",
                table: "ProactiveLists",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveLists_Day",
                table: "ProactiveLists",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_ProactiveLists_TeamId_Day",
                table: "ProactiveLists",
                columns: new[] { "TeamId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CriminalJusticeClocks");

            migrationBuilder.DropTable(
                name: "CriminalJusticeClockSettings");

            migrationBuilder.DropTable(
                name: "CriminalJusticeEvents");

            migrationBuilder.DropTable(
                name: "LiaisonReportAddressee");

            migrationBuilder.DropTable(
                name: "LiaisonReportRecommendation");

            migrationBuilder.DropTable(
                name: "ProactiveListRows");

            migrationBuilder.DropTable(
                name: "ProactiveScreeningSettings");

            migrationBuilder.DropTable(
                name: "LiaisonReports");

            migrationBuilder.DropTable(
                name: "ProactiveLists");
        }
    }
}
