using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TargetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NearOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoppedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartEventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StopEventId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TransferDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MhtrDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HearingAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Offence = table.Column<int>(type: "INTEGER", nullable: true),
                    PoliceDecision = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    RemandOrBail = table.Column<int>(type: "INTEGER", nullable: true),
                    BailConditions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HearingType = table.Column<int>(type: "INTEGER", nullable: true),
                    SupportAtCourt = table.Column<bool>(type: "INTEGER", nullable: false),
                    HearingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CourtOutcome = table.Column<int>(type: "INTEGER", nullable: true),
                    Requirements = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PaymentPlanHelp = table.Column<bool>(type: "INTEGER", nullable: false),
                    LegalStatus = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    TransferSection = table.Column<int>(type: "INTEGER", nullable: true),
                    SupersedesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
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
