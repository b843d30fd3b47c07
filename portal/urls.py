from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from portal import accounts, fhir_views, health, infobutton_views, search_views, views
from portal.seo import PageSitemap, TopicSitemap

SITEMAPS = {"topics": TopicSitemap, "pages": PageSitemap}

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("articles/<slug:slug>/handout/", views.article_handout, name="article-handout"),
    path("articles/<slug:slug>/feedback/", views.article_feedback, name="article-feedback"),
    path("editorial/feedback/", views.feedback_list, name="feedback-list"),
    path("editorial/questions/", search_views.unanswered_questions, name="questions-list"),
    path("search/", search_views.search_page, name="search"),
    path("ask/", search_views.ask_page, name="ask"),
    path("ask/verdict/", search_views.answer_verdict, name="answer-verdict"),
    path("api/search/", search_views.api_search, name="api-search"),
    path("api/ask/", search_views.api_ask, name="api-ask"),
    path("glossary/", views.glossary_page, name="glossary"),
    path("editorial-policy/", views.page, {"name": "editorial-policy"}, name="editorial-policy"),
    path("disclaimer/", views.page, {"name": "disclaimer"}, name="disclaimer"),
    path("", include("portal.self_check.urls")),
    path("fhir/Questionnaire/<slug:slug>", fhir_views.questionnaire, name="fhir-questionnaire"),
    path("fhir/Questionnaire/<slug:slug>/$triage", fhir_views.triage, name="fhir-triage"),
    path("infobutton/", infobutton_views.knowledge_request, name="infobutton"),
    path("editorial/", include("content.urls")),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
