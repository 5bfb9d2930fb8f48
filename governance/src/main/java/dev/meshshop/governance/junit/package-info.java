/** The governance kit for JUnit 5: a domain's build fails when one of its products breaks a policy. */
package dev.meshshop.governance.junit;
