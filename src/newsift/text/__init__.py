"""Text helpers on the ground floor: the analyzers import them, they import no analyzer."""
