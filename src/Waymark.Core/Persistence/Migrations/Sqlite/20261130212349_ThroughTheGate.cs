using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ThroughTheGate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReleasePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Prison = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PrisonNumber = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    ExpectedReleaseOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReleaseType = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MeetBy = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetWorkerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    MeetOtherName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MeetTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    MeetPlace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Transport = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WhatToBring = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReleasedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReleaseRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleaseRecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FollowUpDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FollowUpDoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowUpRecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    FollowUpNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleasePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReleasePlans_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReleasePlans_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReleasePlans_EpisodeId",
                table: "ReleasePlans",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_ReleasePlans_FollowUpOpen_TeamId_FollowUpDueOn",
                table: "ReleasePlans",
                columns: new[] { "TeamId", "FollowUpDueOn" },
                filter: "\"FollowUpDoneOn\" IS NULL AND \"CancelledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReleasePlans_Open_TeamId_ExpectedReleaseOn",
                table: "ReleasePlans",
                columns: new[] { "TeamId", "ExpectedReleaseOn" },
                filter: "\"ReleasedOn\" IS NULL AND \"CancelledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReleasePlans_PersonId_CreatedAt",
                table: "ReleasePlans",
                columns: new[] { "PersonId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReleasePlans");
        }
    }
}
