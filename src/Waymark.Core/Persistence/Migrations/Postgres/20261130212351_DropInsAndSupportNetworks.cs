using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DropInsAndSupportNetworks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DropIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    ArrivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reasons = table.Column<int>(type: "integer", nullable: false),
                    ReasonWords = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WhatHelped = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    SeenByUserIds = table.Column<string>(type: "character varying(4600)", maxLength: 4600, nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReopenedEpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DropIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DropIns_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DropIns_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DropIns_Episodes_ReopenedEpisodeId",
                        column: x => x.ReopenedEpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DropIns_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportNetworkMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relationship = table.Column<int>(type: "integer", nullable: false),
                    RelationshipWords = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ConsentToContact = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConsentRecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DoNotContact = table.Column<bool>(type: "boolean", nullable: false),
                    DoNotContactReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsCarer = table.Column<bool>(type: "boolean", nullable: false),
                    IsAppropriateAdult = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ChangedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemovedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RemovedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportNetworkMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportNetworkMembers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SupportNetworkMemberId",
                table: "Contacts",
                column: "SupportNetworkMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DropIns_ContactId",
                table: "DropIns",
                column: "ContactId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DropIns_EpisodeId",
                table: "DropIns",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_DropIns_PersonId_ArrivedAt",
                table: "DropIns",
                columns: new[] { "PersonId", "ArrivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DropIns_ReopenedEpisodeId",
                table: "DropIns",
                column: "ReopenedEpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_DropIns_TeamId_ArrivedAt",
                table: "DropIns",
                columns: new[] { "TeamId", "ArrivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportNetworkMembers_PersonId_Name",
                table: "SupportNetworkMembers",
                columns: new[] { "PersonId", "Name" });

            migrationBuilder.AddForeignKey(
                name: "FK_Contacts_SupportNetworkMembers_SupportNetworkMemberId",
                table: "Contacts",
                column: "SupportNetworkMemberId",
                principalTable: "SupportNetworkMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Contacts_SupportNetworkMembers_SupportNetworkMemberId",
                table: "Contacts");

            migrationBuilder.DropTable(
                name: "DropIns");

            migrationBuilder.DropTable(
                name: "SupportNetworkMembers");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SupportNetworkMemberId",
                table: "Contacts");
        }
    }
}
