using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CriminalJustice : Migration
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
        }
    }
}
